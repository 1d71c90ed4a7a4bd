package com.example.catalog;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The catalog on a Vert.x 5 Web router, instrumented as in production: the templates come from the router. */
public final class CatalogVertx implements AutoCloseable {

  private final Vertx vertx;
  private final HttpServer server;

  private CatalogVertx(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts on 127.0.0.1 and a free port. */
  public static CatalogVertx start(ScaniumTelemetry telemetry) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      ScaniumVertxTelemetry.create(telemetry).instrument(router);
      router.get("/v1/items/:id").handler(ctx -> {
        String item = Catalog.item(ctx.pathParam("id"));
        json(ctx, item == null ? 404 : 200, item == null ? "{\"error\":\"no such item\"}" : item);
      });
      router.post(Catalog.CLASSIFY_ROUTE).handler(BodyHandler.create()).handler(ctx ->
          json(ctx, 200, "{\"category\":\"" + Catalog.classify(ctx.body().asString()) + "\"}"));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new CatalogVertx(vertx, server);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.actualPort();
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while closing Vert.x", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot close Vert.x", e);
    }
  }
}
