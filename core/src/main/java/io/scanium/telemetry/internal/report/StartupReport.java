package io.scanium.telemetry.internal.report;

import io.scanium.telemetry.internal.config.ConfigValue;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Setting;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.config.SignalPlan;
import io.scanium.telemetry.internal.logs.LogRoutingStatus;
import io.scanium.telemetry.internal.scrape.HostAddresses;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The block printed once at install, on stderr: for each signal where it goes and why (the variable and its source),
 * so that "where do my traces go?" is answered by the first lines of the service's output.
 */
public final class StartupReport {


  private StartupReport() {}

  /**
   * Renders the report.
   *
   * @param scrapeUrl the URL the scrape endpoint answers on, or null when it is off
   * @param httpSpans whether the HTTP engine creates spans (false when traces go nowhere)
   */
  public static String render(String version, ResolvedConfig c, String scrapeUrl, LogRoutingStatus logs,
      List<String> extraWarnings, boolean httpSpans) {
    StringBuilder sb = new StringBuilder();
    sb.append("[scanium-telemetry] Scanium Telemetry Bridge ").append(version).append('\n');
    line(sb, "service", c.serviceName() + "  <- " + c.serviceNameOrigin());
    line(sb, "environment", c.deploymentEnvironment() + "  <- " + c.deploymentEnvironmentOrigin());
    c.agent().ifPresent(a -> {
      line(sb, "agent", "OpenTelemetry Java agent " + a.version() + " attached: its SDK exports the traces and logs"
          + " below (Scanium builds no SDK of its own and adds the route to the agent's server spans)");
      line(sb, "", "export health is the agent's to report (its log, its otel.sdk.* metrics): Scanium cannot see"
          + " the agent's exporters, so no scanium_telemetry_export* series");
    });
    if (c.sdkDisabled()) {
      line(sb, "export", "OFF: OTEL_SDK_DISABLED=true, no span or log record leaves this process");
    }
    for (Signal s : new Signal[] {Signal.TRACES, Signal.LOGS}) {
      line(sb, s.id(), describe(c.signals().get(s), c.sdkDisabled()));
    }
    if (c.signals().get(Signal.TRACES).exported() && !c.sdkDisabled()) {
      line(sb, "sampler", c.sampler().describe());
    }
    if (!c.sdkDisabled() && c.signals().values().stream().anyMatch(p -> p.otlp() && p.url().isPresent())) {
      line(sb, "probe", switch (c.startupProbe()) {
        case "off" -> "OFF  <- " + c.setting(Setting.STARTUP_PROBE).describe();
        case "fail" -> "every collector answered an empty export (results below)  <- "
            + c.setting(Setting.STARTUP_PROBE).describe();
        default -> "each collector is asked with an empty export; the answers follow  <- "
            + c.setting(Setting.STARTUP_PROBE).describe();
      });
    }
    if (!httpSpans) {
      line(sb, "", "HTTP requests get no span; the caller's trace context is still propagated to logs and calls");
    }
    String scrape = scrapeUrl == null
        ? "scrape endpoint OFF (" + c.setting(Setting.METRICS_PORT).describe() + ")"
        : "scrape " + scrapeUrl + "  (bind " + c.metricsHost() + ":" + c.metricsPort() + "  <- "
            + c.setting(Setting.METRICS_PORT).describe() + ", " + c.setting(Setting.METRICS_HOST).describe()
            + ")";
    SignalPlan otlpMetrics = c.signals().get(Signal.METRICS);
    line(sb, "metrics", scrape);
    if (scrapeUrl != null) {
      line(sb, "", "scrape protection: " + c.scrapeProtection().describe());
    }
    if (scrapeUrl != null && (scrapeUrl.contains("://0.0.0.0:") || scrapeUrl.contains("://[::]:"))) {
      // 0.0.0.0 is where the server listens, not an address a scraper can use.
      URI uri = URI.create(scrapeUrl);
      String rest = ":" + uri.getPort() + uri.getRawPath();
      List<String> addresses = HostAddresses.nonLoopback();
      line(sb, "", addresses.isEmpty() ? "scrapers reach it at this host's address, port " + c.metricsPort()
          : "scrapers use " + addresses.stream().map(a -> "http://" + a + rest).collect(Collectors.joining(" or ")));
    }
    if (scrapeUrl != null) {
      line(sb, "", c.scrapeWatchdog().isZero() ? "scrape watchdog OFF  <- "
          + c.setting(Setting.METRICS_WATCHDOG).describe() : "a warning if no scraper reads it for "
          + c.setting(Setting.METRICS_WATCHDOG).value() + "  <- " + c.setting(Setting.METRICS_WATCHDOG)
          .describe());
    }
    if (!c.jvmMetrics()) {
      line(sb, "", "JVM metrics OFF  <- " + c.setting(Setting.JVM_METRICS).describe());
    }
    if (otlpMetrics.exported() && !c.sdkDisabled() && c.agent().isPresent()) {
      line(sb, "", "the agent's own metrics: " + describe(otlpMetrics, false));
      line(sb, "", "the scanium_* series are not pushed under the agent (its SDK takes no metrics from a library):"
          + " scrape them" + (scrapeUrl == null ? ", which is OFF, so they go nowhere" : ""));
    } else if (otlpMetrics.exported() && !c.sdkDisabled()) {
      ConfigValue interval = c.metricExportInterval();
      String every = interval.value().matches("\\d+") ? interval.value() + " ms" : interval.value();
      line(sb, "", (scrapeUrl == null ? "pushed instead: " : "pushed too, ") + "the same series every " + every
          + "  <- " + interval.describe());
      line(sb, "", "to " + describe(otlpMetrics, false));
    }
    // The routing's detail runs to several clauses; one per line keeps the report readable in a terminal or a log
    // viewer, and the first line still says the backend and whether logs are exported.
    String[] clauses = (logs.backend() + ": " + logs.detail()).split("; ");
    line(sb, "slf4j logs", clauses[0] + (clauses.length > 1 ? ";" : ""));
    for (int i = 1; i < clauses.length; i++) {
      line(sb, "", clauses[i] + (i < clauses.length - 1 ? ";" : ""));
    }
    for (String w : c.warnings()) {
      sb.append("  WARN ").append(w).append('\n');
    }
    for (String w : extraWarnings) {
      sb.append("  WARN ").append(w).append('\n');
    }
    return sb.toString();
  }

  private static String describe(SignalPlan p, boolean disabled) {
    if (disabled) {
      return "not exported (OTEL_SDK_DISABLED=true)";
    }
    if (!p.exported()) {
      return "not exported  <- " + p.exportersValue().describe();
    }
    StringBuilder sb = new StringBuilder(String.join(",", p.exporters()));
    if (p.otlp()) {
      ConfigValue protocol = p.protocol().orElseThrow();
      sb.append(" ").append(protocol.value()).append(" POST ").append(p.url().orElseThrow());
      sb.append("  <- ").append(p.endpointValue().map(ConfigValue::describe)
          .orElse("OpenTelemetry's default (" + "SCANIUM_LOCAL_DEVELOPMENT=true)"));
      sb.append(", protocol ").append(protocol.describe().replaceFirst("^[^=]*=", ""));
      p.timeout().ifPresent(t -> sb.append(", timeout ").append(t.describe().replaceFirst("^[^=]*=", "")));
      if (!p.headers().isEmpty()) {
        sb.append(", headers ").append(p.headers().entrySet().stream()
            .map(Map.Entry::getKey).map(k -> k + "=****").collect(Collectors.joining(",")));
      }
    }
    sb.append("  (").append(p.exportersValue().describe()).append(")");
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, String value) {
    String label = key.isEmpty() ? "" : key + ":";
    sb.append("  ").append(label.length() >= 12 ? label + " " : String.format("%-12s", label)).append(value)
        .append('\n');
  }
}
