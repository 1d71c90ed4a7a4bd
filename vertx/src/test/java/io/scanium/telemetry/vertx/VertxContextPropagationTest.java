package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request's span stays current across Vert.x's asynchronous steps (executeBlocking, a timer, a WebClient call to a
 * second local server), outgoing calls carry its traceparent, and an application's own scope never leaks into the
 * next request served by the same event loop.
 */
class VertxContextPropagationTest extends VertxTestBase {

  /** An application logger: the library does not export its own packages' logs (io.scanium.telemetry.*). */
  private static final Logger LOG = LoggerFactory.getLogger("com.example.orders");

  private final Map<String, String> seen = new ConcurrentHashMap<>();

  @Override
  protected VertxOptions vertxOptions() {
    // One event loop: consecutive requests share its thread, where a thread-local context would leak.
    return super.vertxOptions().setEventLoopPoolSize(1);
  }

  private static String traceId() {
    return Span.current().getSpanContext().getTraceId();
  }

  /** Server B answers with the traceparent it received; server A calls it after executeBlocking and a timer. */
  private URI chain() throws Exception {
    Router downstream = Router.router(vertx);
    vertxTelemetry.instrument(downstream);
    downstream.get("/downstream/:step").handler(ctx -> ctx.response().end(new JsonObject()
        .put("traceparent", ctx.request().getHeader("traceparent"))
        .put("traceId", traceId()).encode()));
    URI b = serve(downstream);
    WebClient web = WebClient.create(vertx);

    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/chain").handler(ctx -> {
      seen.put("handler", traceId());
      vertx.executeBlocking(() -> {
        seen.put("insideExecuteBlocking", traceId());
        return "done";
      }).compose(ignored -> {
        seen.put("afterExecuteBlocking", traceId());
        LOG.info("after executeBlocking");
        Promise<Void> timer = Promise.promise();
        vertx.setTimer(10, id -> {
          seen.put("afterTimer", traceId());
          LOG.info("after timer");
          timer.complete();
        });
        return timer.future();
      }).compose(ignored -> web.get(b.getPort(), "127.0.0.1", "/downstream/1").send()).onSuccess(response -> {
        seen.put("afterWebClient", traceId());
        LOG.info("after WebClient call");
        ctx.response().end(response.bodyAsString());
      }).onFailure(ctx::fail);
    });
    return serve(router);
  }

  @Test
  void theRequestSpanIsCurrentAfterEveryAsynchronousStepAndTheCallContinuesTheTrace() throws Exception {
    URI a = chain();
    HttpResponse<String> response = get(a, "/chain");
    assertThat(response.statusCode()).isEqualTo(200);

    ReceivedSpan server = awaitSpan(ReceivedSpan.named("GET /chain"));
    String trace = server.traceIdHex();
    assertThat(seen).containsOnlyKeys("handler", "insideExecuteBlocking", "afterExecuteBlocking", "afterTimer",
        "afterWebClient");
    assertThat(seen.values()).as("trace id current at each step: %s", seen).containsOnly(trace);

    JsonObject downstream = new JsonObject(response.body());
    assertThat(downstream.getString("traceparent")).as("traceparent sent by WebClient")
        .startsWith("00-" + trace + "-" + server.spanIdHex() + "-");
    ReceivedSpan child = awaitSpan(ReceivedSpan.named("GET /downstream/{step}"));
    assertThat(child.traceIdHex()).isEqualTo(trace);
    assertThat(child.parentSpanIdHex()).as("the second server's span is a child of the first")
        .isEqualTo(server.spanIdHex());
    assertThat(downstream.getString("traceId")).isEqualTo(trace);

    // One span per request and server, both the engine's: the Vert.x tracer adds none.
    List<ReceivedSpan> inTrace = receiver.awaitSpans(ReceivedSpan.inTrace(trace), 2, Await.TIMEOUT);
    assertThat(inTrace).extracting(ReceivedSpan::name)
        .containsExactlyInAnyOrder("GET /chain", "GET /downstream/{step}");
    assertThat(inTrace).extracting(ReceivedSpan::scopeName).containsOnly("io.scanium.telemetry.http");
  }

  @Test
  void logsWrittenAfterAsynchronousStepsCarryTheRequestTraceIdOverOtlp() throws Exception {
    URI a = chain();
    assertThat(get(a, "/chain").statusCode()).isEqualTo(200);
    String trace = awaitSpan(ReceivedSpan.named("GET /chain")).traceIdHex();

    for (String body : List.of("after executeBlocking", "after timer", "after WebClient call")) {
      ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), Await.TIMEOUT);
      assertThat(log.traceIdHex()).as("trace id of the log \"%s\"", body).isEqualTo(trace);
    }
  }

  @Test
  void anApplicationScopeLeftOpenDoesNotLeakIntoTheNextRequest() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/leaky").handler(ctx -> {
      Span own = telemetry.openTelemetry().getTracer("app").spanBuilder("own work").startSpan();
      @SuppressWarnings("unused")
      Scope neverClosed = own.makeCurrent();
      own.end();
      ctx.response().end(traceId());
    });
    router.get("/next").handler(ctx -> vertx.setTimer(1, t -> ctx.response().end(
        Span.current().getSpanContext().getSpanId())));
    URI base = serve(router);

    assertThat(get(base, "/leaky").statusCode()).isEqualTo(200);
    String spanId = get(base, "/next").body();

    ReceivedSpan next = awaitSpan(ReceivedSpan.named("GET /next"));
    assertThat(spanId).as("span current in the second request").isEqualTo(next.spanIdHex());
  }

  @Test
  void anApplicationSpanMadeCurrentIsTheParentOfOutgoingCalls() throws Exception {
    Router downstream = Router.router(vertx);
    vertxTelemetry.instrument(downstream);
    downstream.get("/downstream").handler(ctx -> ctx.response().end("ok"));
    URI b = serve(downstream);
    WebClient web = WebClient.create(vertx);
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/with-child").handler(ctx -> {
      Span own = telemetry.openTelemetry().getTracer("app").spanBuilder("call downstream").startSpan();
      // Vert.x writes the request (and the tracer its traceparent) later, on the request's context: the span must
      // still be current there then, so the scope closes when the call completes.
      Scope scope = own.makeCurrent();
      Future<?> call = web.get(b.getPort(), "127.0.0.1", "/downstream").send();
      call.onComplete(done -> {
        scope.close();
        own.end();
        seen.put("afterScope", traceId() + "/" + Span.current().getSpanContext().getSpanId());
        ctx.response().end();
      });
    });
    URI a = serve(router);

    assertThat(get(a, "/with-child").statusCode()).isEqualTo(200);

    ReceivedSpan server = awaitSpan(ReceivedSpan.named("GET /with-child"));
    ReceivedSpan own = awaitSpan(ReceivedSpan.named("call downstream"));
    ReceivedSpan child = awaitSpan(ReceivedSpan.named("GET /downstream"));
    assertThat(own.parentSpanIdHex()).isEqualTo(server.spanIdHex());
    assertThat(child.parentSpanIdHex()).isEqualTo(own.spanIdHex());
    assertThat(seen.get("afterScope")).as("the server span is current again once the scope is closed")
        .isEqualTo(server.traceIdHex() + "/" + server.spanIdHex());
  }
}
