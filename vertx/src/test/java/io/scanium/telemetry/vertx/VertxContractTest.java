package io.scanium.telemetry.vertx;

import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.contract.HttpServerContractTest;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;

/** The contract on a Vert.x Web router, instrumented through {@link ScaniumVertxTelemetry} as an application would. */
class VertxContractTest extends HttpServerContractTest {

  private Vertx vertx;

  @Override
  protected URI startServer(ScaniumTelemetry telemetry) throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry)));
    Router router = contractRouter(vertx, ScaniumVertxTelemetry.create(telemetry));
    HttpServer server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** The contract endpoints, routes in Vert.x syntax; anything else gets Vert.x Web's own 404. */
  static Router contractRouter(Vertx vertx, ScaniumVertxTelemetry vertxTelemetry) {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/contract/ok").handler(ctx -> ctx.response().end(Span.current().getSpanContext().getTraceId()));
    router.get("/contract/client-error").handler(ctx -> ctx.response().setStatusCode(400).end("bad request"));
    router.get("/contract/server-error").handler(ctx -> ctx.response().setStatusCode(503).end("unavailable"));
    router.get("/contract/exception").handler(ctx -> {
      throw new IllegalStateException(FAILURE_MESSAGE);
    });
    router.get("/contract/items/:id").handler(ctx -> ctx.response().end(ctx.pathParam("id")));
    return router;
  }

  @Override
  protected void stopServer() throws Exception {
    Await.result(vertx.close());
  }
}
