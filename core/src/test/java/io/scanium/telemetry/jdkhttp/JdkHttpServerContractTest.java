package io.scanium.telemetry.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.contract.HttpServerContractTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The contract on the JDK's HttpServer, instrumented through {@link JdkHttpServerTelemetry}. */
class JdkHttpServerContractTest extends HttpServerContractTest {

  private HttpServer server;
  private ExecutorService executor;

  @Override
  protected URI startServer(ScaniumTelemetry telemetry) throws IOException {
    server = startContractServer(telemetry);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The contract endpoints on a JDK server (not started), shared with other JDK-adapter tests. */
  static HttpServer startContractServer(ScaniumTelemetry telemetry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    JdkHttpServerTelemetry jdk = JdkHttpServerTelemetry.builder(telemetry)
        .routes("/contract/ok", "/contract/client-error", "/contract/server-error", "/contract/exception",
            "/contract/items/{id}")
        .build();
    server.createContext("/", JdkHttpServerContractTest::handle).getFilters().add(jdk.createFilter());
    return server;
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/contract/ok")) {
      respond(exchange, 200, Span.current().getSpanContext().getTraceId());
    } else if (path.equals("/contract/client-error")) {
      respond(exchange, 400, "bad request");
    } else if (path.equals("/contract/server-error")) {
      respond(exchange, 503, "unavailable");
    } else if (path.equals("/contract/exception")) {
      throw new IllegalStateException(FAILURE_MESSAGE);
    } else if (path.startsWith("/contract/items/") && path.indexOf('/', "/contract/items/".length()) < 0) {
      respond(exchange, 200, path.substring("/contract/items/".length()));
    } else {
      respond(exchange, 404, "not found");
    }
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  protected void stopServer() {
    server.stop(0);
    executor.shutdownNow();
  }
}
