package com.example.plainjdk;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example API on the JDK's built-in {@code com.sun.net.httpserver.HttpServer}, instrumented with
 * {@link JdkHttpServerTelemetry}: one filter on the context, and the route templates declared once, because this
 * server has no routing of its own.
 *
 * <p>Configured only by environment variables: {@code PORT} (default 8080), {@code HOST} (default all interfaces)
 * and the library's {@code OTEL_*}/{@code SCANIUM_*} variables, read by {@link ScaniumTelemetry#install()}.
 *
 * <p>It lives in {@code com.example}, as your application would: the library never exports the log events of its
 * own {@code io.scanium.telemetry} loggers (a failing export must not log into the queue it fails to empty).
 */
public final class PlainJdkExample {

  private static final Logger log = LoggerFactory.getLogger(PlainJdkExample.class);

  private PlainJdkExample() {}

  /**
   * Starts the service.
   *
   * @param args ignored: everything comes from the environment, as in a container
   * @throws IOException when the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY the JDK server's responses wait for the client's delayed ACK: ~40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();

    String host = System.getenv().getOrDefault("HOST", "0.0.0.0");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    // The JDK server's default executor is its single dispatcher thread: one slow request would stall all others.
    ExecutorService workers = Executors.newFixedThreadPool(16);
    server.setExecutor(workers);

    JdkHttpServerTelemetry instrumentation = JdkHttpServerTelemetry.builder(telemetry)
        .routes("/health", "/v1/config", "/v1/items/{id}", "/v1/classify", "/v1/fail")
        .build();
    HttpContext context = server.createContext("/", PlainJdkExample::handle);
    context.getFilters().add(instrumentation.createFilter());

    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(1);
      workers.shutdown();
      try {
        workers.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "plain-jdk-example-shutdown"));
    log.info("plain-jdk example listening on http://{}:{}", host, server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    if (method.equals("GET") && path.equals("/health")) {
      respond(exchange, 200, "{\"status\":\"UP\"}");
    } else if (method.equals("GET") && path.equals("/v1/config")) {
      respond(exchange, 200, "{\"currency\":\"EUR\",\"maxUploadBytes\":10485760,\"classifier\":\"keywords\"}");
    } else if (method.equals("GET") && path.startsWith("/v1/items/") && path.indexOf('/', 10) < 0
        && path.length() > 10) {
      String id = path.substring(10);
      if (id.matches("[0-9]{1,18}")) {
        respond(exchange, 200, "{\"id\":" + id + ",\"name\":\"item " + id + "\"}");
      } else {
        respond(exchange, 404, "{\"error\":\"no item with id " + jsonEscape(id) + "\"}");
      }
    } else if (method.equals("POST") && path.equals("/v1/classify")) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String category = classify(body);
      log.atInfo().addKeyValue("category", category).log("classified item");
      respond(exchange, 200, "{\"category\":\"" + category + "\"}");
    } else if (method.equals("GET") && path.equals("/v1/fail")) {
      IllegalStateException cause = new IllegalStateException("classification backend timed out");
      log.error("classification backend failed", cause);
      // Deliberately uncaught: the instrumentation's filter answers 500, as an unhandled error would in production.
      throw new IllegalStateException("request failed: classification backend unavailable", cause);
    } else {
      respond(exchange, 404, "{\"error\":\"not found\"}");
    }
  }

  /** A keyword classifier: the example is about telemetry, not about classification. */
  static String classify(String description) {
    String text = description.toLowerCase(Locale.ROOT);
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

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
