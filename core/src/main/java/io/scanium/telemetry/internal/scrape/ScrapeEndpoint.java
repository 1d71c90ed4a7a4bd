package io.scanium.telemetry.internal.scrape;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import java.net.URI;

/**
 * The scrape endpoint as the service runs it: the server, the watchdog that says when nobody scrapes it, and its
 * URL, computed once for the report, the watchdog and the public API.
 */
public final class ScrapeEndpoint implements AutoCloseable {

  private final ScrapeServer server;
  private final ScrapeWatchdog watchdog;
  private final URI uri;

  private ScrapeEndpoint(ScrapeServer server, ScrapeWatchdog watchdog, URI uri) {
    this.server = server;
    this.watchdog = watchdog;
    this.uri = uri;
  }

  /** Starts the server and, unless it is off, the watchdog. */
  public static ScrapeEndpoint start(ResolvedConfig config, PrometheusRegistry registry, Diagnostics diagnostics) {
    ScrapeServer server = ScrapeServer.startFor(config, registry);
    try {
      String url = (config.scrapeProtection().tls() ? "https://" : "http://") + displayHost(config.metricsHost())
          + ":" + server.port() + server.path();
      ScrapeWatchdog watchdog = null;
      if (!config.scrapeWatchdog().isZero()) {
        watchdog = ScrapeWatchdog.start(url, config.scrapeWatchdog(), registry, diagnostics);
        server.watchedBy(watchdog);
      }
      return new ScrapeEndpoint(server, watchdog, URI.create(url));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The URL as the service itself would reach it (the bind address; the report adds what scrapers use). */
  public URI uri() {
    return uri;
  }

  /** The port the server listens on (the one chosen, for port 0 in tests). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.close();
    }
    server.close();
  }

  /** An IPv6 literal in a URL takes brackets. */
  private static String displayHost(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
