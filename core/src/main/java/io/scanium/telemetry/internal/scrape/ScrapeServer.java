package io.scanium.telemetry.internal.scrape;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.config.Problems;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Setting;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dedicated scrape endpoint: a small HTTP server of its own, on its own port, so that nothing the application
 * puts in front of its own port (HTTPS redirects, authentication, rate limits) can stand between the scraper and
 * the metrics. Content negotiation (Prometheus text, OpenMetrics, protobuf) is Prometheus client_java's own.
 */
public final class ScrapeServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final String path;
  private volatile ScrapeWatchdog watchdog;

  private ScrapeServer(HttpServer server, ExecutorService executor, String path) {
    this.server = server;
    this.executor = executor;
    this.path = path;
  }

  /**
   * Binds and starts the server.
   *
   * @param host the bind address; {@code 0.0.0.0}, {@code ::} or {@code *} mean all interfaces
   * @throws IOException if the port cannot be bound
   */
  public static ScrapeServer start(PrometheusRegistry registry, String host, int port, String path)
      throws IOException {
    return start(registry, host, port, path, ScrapeProtection.NONE);
  }

  /**
   * Binds and starts the server with {@code protection}: TLS and authentication on every path.
   *
   * @throws IOException if the port cannot be bound, or the keystore cannot be read
   */
  public static ScrapeServer start(PrometheusRegistry registry, String host, int port, String path,
      ScrapeProtection protection) throws IOException {
    InetSocketAddress address = isWildcard(host) ? new InetSocketAddress(port)
        : new InetSocketAddress(InetAddress.getByName(host), port);
    HttpServer server;
    if (protection.tls()) {
      HttpsServer https = HttpsServer.create(address, 16);
      try {
        https.setHttpsConfigurator(new HttpsConfigurator(protection.sslContext()));
      } catch (GeneralSecurityException e) {
        https.stop(0);
        throw new IOException("the TLS keystore " + protection.keystore() + " cannot be used: " + e, e);
      }
      server = https;
    } else {
      server = HttpServer.create(address, 16);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "scanium-scrape-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    ScrapeServer scrapes = new ScrapeServer(server, executor, path);
    MetricsHandler metrics = new MetricsHandler(registry);
    HttpContext scrape = server.createContext(path, exchange -> {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        notFound(exchange, path);
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        // A scrape only reads: a POST that "worked" would hide a misconfigured client.
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        exchange.close();
        return;
      }
      metrics.handle(exchange);
      ScrapeWatchdog w = scrapes.watchdog;
      if (w != null) {
        w.scraped(exchange.getRemoteAddress() == null ? "?" : exchange.getRemoteAddress().getAddress()
            .getHostAddress());
      }
    });
    // The OpenTelemetry Java agent adds its tracing filters to every context as it is created: a span per scrape
    // would be the library's own traffic in the application's traces. This server has no filter of its own.
    scrape.getFilters().clear();
    scrape.setAuthenticator(protection.authenticator());
    if (!path.equals("/")) {
      HttpContext other = server.createContext("/", exchange -> notFound(exchange, path));
      other.getFilters().clear();
      other.setAuthenticator(protection.authenticator());
    }
    server.start();
    return scrapes;
  }

  private static boolean isWildcard(String host) {
    return host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
  }

  private static void notFound(HttpExchange exchange, String path) throws IOException {
    byte[] body = ("Not found. Metrics are served at " + path + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Lets {@code watchdog} know of every scrape answered from now on. */
  public void watchedBy(ScrapeWatchdog watchdog) {
    this.watchdog = watchdog;
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The path metrics are served at. */
  public String path() {
    return path;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts the scrape endpoint {@code config} asks for.
   *
   * @throws TelemetryConfigurationException naming the port and host settings when it cannot serve
   */
  public static ScrapeServer startFor(ResolvedConfig config, PrometheusRegistry registry) {
    try {
      return ScrapeServer.start(registry, config.metricsHost(), config.metricsPort(), config.metricsPath(),
          config.scrapeProtection());
    } catch (IOException | RuntimeException e) {
      var port = config.setting(Setting.METRICS_PORT);
      var host = config.setting(Setting.METRICS_HOST);
      throw new TelemetryConfigurationException(Problems.of(port,
          "cannot serve the scrape endpoint on " + config.metricsHost() + ":" + config.metricsPort() + " (host "
              + host.describe() + "): " + e + ". Without it Prometheus would scrape nothing.",
          "choose a free port with " + Setting.METRICS_PORT.variable() + " (is another instance running?), or an"
              + " address of this machine with " + Setting.METRICS_HOST.variable() + "."), e);
    }
  }
}
