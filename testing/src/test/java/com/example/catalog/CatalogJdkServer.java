package com.example.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The catalog on the JDK's HttpServer, instrumented as in production through {@link JdkHttpServerTelemetry}. */
public final class CatalogJdkServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private CatalogJdkServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts on 127.0.0.1 and a free port. */
  public static CatalogJdkServer start(ScaniumTelemetry telemetry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    JdkHttpServerTelemetry instrumentation = JdkHttpServerTelemetry.builder(telemetry)
        .routes(Catalog.ITEM_ROUTE, Catalog.CLASSIFY_ROUTE)
        .build();
    server.createContext("/", CatalogJdkServer::handle).getFilters().add(instrumentation.createFilter());
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
    return new CatalogJdkServer(server, executor);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.startsWith("/v1/items/")) {
      String item = Catalog.item(path.substring("/v1/items/".length()));
      respond(exchange, item == null ? 404 : 200, item == null ? "{\"error\":\"no such item\"}" : item);
    } else if (path.equals(Catalog.CLASSIFY_ROUTE) && exchange.getRequestMethod().equals("POST")) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      respond(exchange, 200, "{\"category\":\"" + Catalog.classify(body) + "\"}");
    } else {
      respond(exchange, 404, "{\"error\":\"not found\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
