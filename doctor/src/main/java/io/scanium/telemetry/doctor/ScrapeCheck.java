package io.scanium.telemetry.doctor;

import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import io.scanium.telemetry.internal.config.Redact;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Setting;
import io.scanium.telemetry.internal.scrape.ScrapeProtection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the scrape endpoint once, with the project's exposition parser: it must answer and carry
 * {@code scanium_telemetry_info}, the series that is 1 whenever the service runs, for the configured service name.
 */
final class ScrapeCheck {

  static final String NAME = "scrape";

  /** The verdict, and the scrape when one was read (the Prometheus checks compare with it). */
  record Result(Check check, Exposition exposition, String url) {}

  private ScrapeCheck() {}

  /** The scrape URL from the service's configuration, as seen from the same host. */
  static String defaultUrl(ResolvedConfig config) {
    if (config == null || !config.metricsEndpointEnabled()) {
      return null;
    }
    String host = config.metricsHost();
    if (Set.of("0.0.0.0", "::", "[::]", "").contains(host)) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return (config.scrapeProtection().tls() ? "https://" : "http://") + host + ":" + config.metricsPort()
        + config.metricsPath();
  }

  static Result run(String url, ResolvedConfig config, String serviceName, Duration timeout) {
    if (url == null) {
      return new Result(Check.skip(NAME, "no scrape URL: give --scrape-url, or the service's "
          + Setting.METRICS_PORT.variable() + " (the scrape endpoint is off when it is 0)"), null, null);
    }
    String shown = Redact.url(url);
    HttpGet.Response r = HttpGet.get(url, credentials(config), timeout);
    if (r.failure() != HttpGet.Failure.NONE) {
      return new Result(Check.fail(NAME, r.detail(), fix(r.failure())), null, url);
    }
    if (r.status() == 401 || r.status() == 403) {
      return new Result(Check.fail(NAME, r.detail(), "the scrape endpoint asks for credentials: give the doctor the"
          + " service's " + Setting.METRICS_USERNAME.variable() + "/" + Setting.METRICS_PASSWORD.variable() + " or "
          + Setting.METRICS_BEARER_TOKEN.variable() + ", and give Prometheus the same (basic_auth or authorization)."),
          null, url);
    }
    if (r.status() != 200) {
      return new Result(Check.fail(NAME, r.detail(), "the scrape path is " + Setting.METRICS_PATH.variable()
          + " (default /metrics) on the port " + Setting.METRICS_PORT.variable() + " (default 9464)."), null, url);
    }
    Exposition exposition;
    try {
      exposition = Exposition.parse(r.body(), shown);
    } catch (IllegalArgumentException e) {
      return new Result(Check.fail(NAME, shown + " does not answer with a Prometheus exposition: " + e.getMessage(),
          "this is not the scrape endpoint: check the port and path."), null, url);
    }
    List<Sample> info = exposition.series(ScaniumMetrics.TELEMETRY_INFO, Map.of());
    if (info.isEmpty()) {
      return new Result(Check.fail(NAME, shown + " answers but carries no " + ScaniumMetrics.TELEMETRY_INFO,
          "this is not a Scanium telemetry scrape endpoint (it always carries " + ScaniumMetrics.TELEMETRY_INFO
              + "): perhaps the application's own or an Actuator /metrics; the library's is on "
              + Setting.METRICS_PORT.variable() + "."), exposition, url);
    }
    if (serviceName != null && info.stream().noneMatch(s -> serviceName.equals(s.label("service_name")))) {
      return new Result(Check.fail(NAME, shown + " carries " + info.get(0).series() + ", not service_name=\""
          + serviceName + "\"", "this endpoint belongs to another service, or the service runs with another"
          + " OTEL_SERVICE_NAME than the one given here."), exposition, url);
    }
    return new Result(Check.pass(NAME, shown + " answers HTTP 200 and carries " + info.get(0).series()),
        exposition, url);
  }

  private static String fix(HttpGet.Failure failure) {
    return switch (failure) {
      case UNKNOWN_HOST -> "the host name does not resolve from here: check its spelling; Prometheus must scrape"
          + " an address it can resolve (inside a container network, the service's name there).";
      case REFUSED -> "nothing listens there: is the service running, is this its " + Setting.METRICS_PORT.variable()
          + " (default 9464), and is " + Setting.METRICS_HOST.variable() + " not a loopback address when scraped"
          + " from another host or container?";
      case TIMEOUT -> "no answer in time: a firewall or network policy may drop the traffic.";
      case TLS -> "the scrape endpoint speaks HTTPS only with " + Setting.METRICS_TLS_KEYSTORE.variable()
          + ": check https vs http, and trust its certificate.";
      default -> "see the detail.";
    };
  }

  private static Map<String, String> credentials(ResolvedConfig config) {
    Map<String, String> headers = new LinkedHashMap<>();
    ScrapeProtection p = config == null ? ScrapeProtection.NONE : config.scrapeProtection();
    if (p.bearerToken() != null) {
      headers.put("Authorization", "Bearer " + p.bearerToken());
    } else if (p.username() != null) {
      headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (p.username() + ":" + p.password()).getBytes(StandardCharsets.UTF_8)));
    }
    return headers;
  }
}
