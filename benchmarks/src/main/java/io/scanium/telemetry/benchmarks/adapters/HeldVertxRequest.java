package io.scanium.telemetry.benchmarks.adapters;

import io.scanium.telemetry.http.HttpRequestGetter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A real Vert.x 5 HTTP/1.1 server request, received once at setup over loopback and never answered until teardown,
 * so that it stays valid. Its response's end handler is what Vert.x calls when the response ends; the benchmark
 * calls it itself (read from the response's field) to end an observation without writing a response each time.
 */
@State(Scope.Benchmark)
public class HeldVertxRequest {

  /** {@code Http1xServerResponse.endHandler}, the handler Vert.x calls once the response has ended. */
  static final MethodHandle END_HANDLER = endHandlerField();

  HttpServerRequest request;
  HttpServerResponse response;
  HttpRequestGetter<HttpServerRequest> getter;
  Vertx vertx;
  private ContextInternal eventLoop;
  private Socket client;

  @Setup
  public void setUp() throws Exception {
    Held.quietLogging();
    getter = Held.getter("io.scanium.telemetry.vertx.RequestGetter");
    vertx = Vertx.vertx();
    CompletableFuture<HttpServerRequest> held = new CompletableFuture<>();
    HttpServer server = vertx.createHttpServer().requestHandler(held::complete);
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = Held.send(server.actualPort());
    request = held.get(10, TimeUnit.SECONDS);
    response = request.response();
    eventLoop = (ContextInternal) vertx.getOrCreateContext();
  }

  /**
   * Runs a handler on the held request as Vert.x runs each request's: on a new duplicate of an event-loop context,
   * current on the calling thread while the handler runs.
   */
  void dispatch(Handler<HttpServerRequest> handler) {
    eventLoop.duplicate().dispatch(request, handler);
  }

  /** Ends the response's observation, as Vert.x does once the response has ended. */
  void fireEndHandler() throws Throwable {
    @SuppressWarnings("unchecked")
    Handler<Void> handler = (Handler<Void>) END_HANDLER.invokeExact(response);
    if (handler != null) {
      handler.handle(null);
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static MethodHandle endHandlerField() {
    try {
      Field field = Class.forName("io.vertx.core.http.impl.Http1xServerResponse").getDeclaredField("endHandler");
      field.setAccessible(true);
      return MethodHandles.lookup().unreflectGetter(field)
          .asType(MethodType.methodType(Handler.class, HttpServerResponse.class));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Vert.x changed its response class", e);
    }
  }
}
