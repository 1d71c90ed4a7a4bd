package io.scanium.telemetry.benchmarks;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.scanium.telemetry.ScaniumTelemetry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The telemetry of the load-run servers ({@code benchmarks/load/http-wrk.sh}), one mode per server process:
 * <ul>
 *   <li>{@code none}: no telemetry at all, the baseline (no {@code ScaniumTelemetry} is installed);</li>
 *   <li>{@code off}: {@code OTEL_TRACES_EXPORTER=none}, what a service that exports no traces runs: the requests are
 *       counted and timed and the caller's trace context propagated, but no span is created;</li>
 *   <li>{@code noop}: every request's span created, sampled ({@code always_on}), and handed through a
 *       {@link BatchSpanProcessor} to an exporter that discards it: the span's whole cost but the export's;</li>
 *   <li>{@code otlp}: every span exported over OTLP/HTTP to the endpoint given (a receiver in another process).</li>
 * </ul>
 * The batch span processor keeps the SDK's defaults unless {@code OTEL_BSP_*} variables are set.
 */
public final class LoadModes {

  /** The mode names, as the servers' first argument takes them. */
  public static final String PATTERN = "none|off|noop|otlp";

  private static final DiscardingSpanExporter DISCARDED = new DiscardingSpanExporter();

  private LoadModes() {}

  /** The telemetry of a mode, or null for {@code none}. */
  public static ScaniumTelemetry install(String mode, String service, String otlpEndpoint) {
    if (mode.equals("none")) {
      return null;
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", service + "-" + mode);
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("SCANIUM_METRICS_PORT", "off");
    env.put("SCANIUM_STARTUP_REPORT", "false");
    env.put("OTEL_TRACES_SAMPLER", "always_on");
    if (mode.equals("otlp")) {
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
    } else {
      env.put("OTEL_TRACES_EXPORTER", "none");
    }
    // Batch-processor tuning for experiments (OTEL_BSP_MAX_QUEUE_SIZE, ...): the SDK defaults unless set.
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("OTEL_BSP_")) {
        env.put(name, value);
      }
    });
    ScaniumTelemetry.Builder b = ScaniumTelemetry.builder().environment(env).shutdownHook(false);
    if (mode.equals("noop")) {
      b.addSpanProcessor(BatchSpanProcessor.builder(DISCARDED).build());
    }
    return b.build();
  }

  /** What became of the spans, for the server's last line: exported (or discarded) and dropped. */
  public static String summary(ScaniumTelemetry telemetry) {
    double exported = DISCARDED.spans();
    for (MetricSnapshot m : telemetry.registry().scrape()) {
      if (m instanceof CounterSnapshot && m.getMetadata().getPrometheusName().equals("scanium_telemetry_exported")) {
        for (CounterSnapshot.CounterDataPointSnapshot p : ((CounterSnapshot) m).getDataPoints()) {
          if ("traces".equals(p.getLabels().get("signal"))) {
            exported += p.getValue();
          }
        }
      }
    }
    return String.format("spans exported: %.0f, dropped spans: %d", exported, telemetry.droppedCount("traces"));
  }
}
