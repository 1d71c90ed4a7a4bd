package com.example.agentapps;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/** The users service on a Vert.x 5 Web router ({@code /users/:id}), configured by environment variables only. */
public final class VertxUsersApp {

  private VertxUsersApp() {}

  /** Serves on 127.0.0.1 and a free port until the process is stopped. */
  public static void main(String[] args) throws Exception {
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    ScaniumVertxTelemetry.create(telemetry).instrument(router);
    router.get("/users/:id").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain")
        .end(Users.lookUp(ctx.pathParam("id"))));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Exiting anyway.
      }
    }, "vertx-users-shutdown"));
    Users.ready(server.actualPort());
  }
}
