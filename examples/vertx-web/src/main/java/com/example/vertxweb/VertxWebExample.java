package com.example.vertxweb;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example API on a Vert.x 5 Web router, instrumented with one call on the router: the route templates
 * ({@code /v1/items/:id}, recorded as {@code /v1/items/{id}}) come from the router itself.
 *
 * <p>Configured only by environment variables: {@code PORT} (default 8080), {@code HOST} (default all interfaces)
 * and the library's {@code OTEL_*}/{@code SCANIUM_*} variables, read by {@link ScaniumTelemetry#install()}.
 *
 * <p>It lives in {@code com.example}, as your application would: the library never exports the log events of its
 * own {@code io.scanium.telemetry} loggers (a failing export must not log into the queue it fails to empty).
 */
public final class VertxWebExample {

  private static final Logger log = LoggerFactory.getLogger(VertxWebExample.class);

  private VertxWebExample() {}

  /**
   * Starts the service.
   *
   * @param args ignored: everything comes from the environment, as in a container
   * @throws Exception when the server cannot listen
   */
  public static void main(String[] args) throws Exception {
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();

    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    // Before any route is added, so that every request of the router is recorded, unmatched ones included.
    ScaniumVertxTelemetry.create(telemetry).instrument(router);
    router.get("/health").handler(ctx -> json(ctx, 200, "{\"status\":\"UP\"}"));
    router.get("/v1/config").handler(ctx ->
        json(ctx, 200, "{\"currency\":\"EUR\",\"maxUploadBytes\":10485760,\"classifier\":\"keywords\"}"));
    router.get("/v1/items/:id").handler(ctx -> {
      String id = ctx.pathParam("id");
      if (id.matches("[0-9]{1,18}")) {
        json(ctx, 200, "{\"id\":" + id + ",\"name\":\"item " + id + "\"}");
      } else {
        json(ctx, 404, "{\"error\":\"no such item\"}");
      }
    });
    router.post("/v1/classify").handler(BodyHandler.create()).handler(ctx -> {
      String category = classify(ctx.body().asString());
      log.atInfo().addKeyValue("category", category).log("classified item");
      json(ctx, 200, "{\"category\":\"" + category + "\"}");
    });
    router.get("/v1/fail").handler(ctx -> {
      IllegalStateException cause = new IllegalStateException("classification backend timed out");
      log.error("classification backend failed", cause);
      // Deliberately uncaught: the router answers 500, as for any unhandled error in production.
      throw new IllegalStateException("request failed: classification backend unavailable", cause);
    });

    String host = System.getenv().getOrDefault("HOST", "0.0.0.0");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Exiting anyway; in-flight requests are lost either way.
      }
    }, "vertx-web-example-shutdown"));
    log.info("vertx-web example listening on http://{}:{}", host, server.actualPort());
  }

  /** A keyword classifier: the example is about telemetry, not about classification. */
  static String classify(String description) {
    String text = description == null ? "" : description.toLowerCase(Locale.ROOT);
    if (text.contains("phone") || text.contains("laptop") || text.contains("charger")) {
      return "electronics";
    }
    if (text.contains("book") || text.contains("novel")) {
      return "books";
    }
    if (text.contains("shirt") || text.contains("shoe") || text.contains("jacket")) {
      return "clothing";
    }
    return "other";
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
