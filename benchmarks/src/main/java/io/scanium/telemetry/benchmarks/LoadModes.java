package io.scanium.telemetry.benchmarks;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.scanium.telemetry.ScaniumTelemetry;

/**
 * The telemetry of the load-run servers ({@code benchmarks/load/http-wrk.sh}), one mode per server process:
 * <ul>
 *   <li>{@code none}: no telemetry at all, the baseline (no {@code ScaniumTelemetry} is installed);</li>
 *   <li>{@code agent}: no {@code ScaniumTelemetry} either; the script attaches the OpenTelemetry Java agent
 *       ({@code -javaagent}), which instruments the server itself;</li>
 *   <li>{@code off}, {@code noop}, {@code otlp}: {@link ScaniumTelemetry#install()}, configured by the process
 *       environment and system properties exactly as a service is. The script sets what distinguishes the modes
 *       ({@code OTEL_TRACES_EXPORTER=none} for {@code off} and {@code noop}, the OTLP endpoint for {@code otlp}), and
 *       any other {@code OTEL_*} or {@code SCANIUM_*} variable or system property given to a run reaches the SDK
 *       and the library unchanged. The one thing a variable cannot say is done here, in code: {@code noop} adds a
 *       {@link BatchSpanProcessor} into an exporter that discards every span (the span's whole cost but the
 *       export's).</li>
 * </ul>
 */
public final class LoadModes {

  /** The mode names, as the servers' first argument takes them. */
  public static final String PATTERN = "none|agent|off|noop|otlp";

  private static final DiscardingSpanExporter DISCARDED = new DiscardingSpanExporter();

  private LoadModes() {}

  /** The telemetry of a mode, or null for {@code none} and {@code agent}. */
  public static ScaniumTelemetry install(String mode) {
    if (mode.equals("none") || mode.equals("agent")) {
      return null;
    }
    ScaniumTelemetry.Builder b = ScaniumTelemetry.builder().shutdownHook(false);
    if (mode.equals("noop")) {
      b.addSpanProcessor(BatchSpanProcessor.builder(DISCARDED).build());
    }
    return b.install();
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
