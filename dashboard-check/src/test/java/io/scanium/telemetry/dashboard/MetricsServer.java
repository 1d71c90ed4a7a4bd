package io.scanium.telemetry.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A JDK HTTP server on 127.0.0.1 that answers every request with a fixed status and body. */
final class MetricsServer implements AutoCloseable {

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  static MetricsServer serving(int status, String contentType, String body) throws IOException {
    // Port 0: the OS picks a free port, so parallel builds never collide.
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return new MetricsServer(server);
  }

  static MetricsServer servingText(String exposition) throws IOException {
    return serving(200, "text/plain; version=0.0.4; charset=utf-8", exposition);
  }

  URI metricsUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
