package io.scanium.telemetry.internal.health;

import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.Signal;
import java.util.EnumMap;
import java.util.Map;

/**
 * The switch that keeps a broken signal away from the application: when the tracing, metrics or log-export side
 * throws an {@link Error} (above all a {@link LinkageError} such as {@code NoSuchMethodError}, from a dependency
 * version the application's dependency management picked), that signal is switched off for the life of the process,
 * with one line on stderr and {@code scanium_telemetry_signal_disabled{signal="..."} 1}. The other signals and the
 * application go on.
 *
 * <p>Why off for good and not per call: a linkage error repeats on every call, and each attempt would cost a stack
 * trace; a signal that half works is also harder to notice than one that says it stopped.
 */
public final class DisabledSignals {

  private final EnumMap<Signal, GaugeDataPoint> gauges = new EnumMap<>(Signal.class);
  // Read on every request and log event: three plain volatile flags, no map lookup.
  private volatile boolean traces;
  private volatile boolean metrics;
  private volatile boolean logs;

  /** Flags only, no series: for an engine built without a registry of its own. */
  public DisabledSignals() {}

  /** Registers {@code scanium_telemetry_signal_disabled{signal}} at 0 for every signal in {@code registry}. */
  public DisabledSignals(PrometheusRegistry registry) {
    Gauge gauge = Gauge.builder().name(ScaniumMetrics.TELEMETRY_SIGNAL_DISABLED)
        .help("1 once the library switched a signal off because its tracing, metrics or log-export code failed with"
            + " an Error (most often a dependency version mismatch); the application was not affected. 0 otherwise.")
        .labelNames(ScaniumMetrics.LABEL_SIGNAL)
        .register(registry);
    for (Signal s : Signal.values()) {
      GaugeDataPoint p = gauge.labelValues(s.id());
      p.set(0);
      gauges.put(s, p);
    }
  }

  /** Whether HTTP server spans are switched off. */
  public boolean tracesOff() {
    return traces;
  }

  /** Whether the {@code scanium_http_*} series are switched off. */
  public boolean metricsOff() {
    return metrics;
  }

  /** Whether log export is switched off. */
  public boolean logsOff() {
    return logs;
  }

  /** Whether {@code signal} is switched off. */
  public boolean isOff(Signal signal) {
    switch (signal) {
      case TRACES:
        return traces;
      case METRICS:
        return metrics;
      default:
        return logs;
    }
  }

  /**
   * Switches {@code signal} off because {@code error} was thrown in {@code where}; the first call per signal prints
   * the stderr line and sets the series, later ones do nothing. Never throws.
   *
   * @return whether this call switched it off
   */
  public boolean disable(Signal signal, String where, Throwable error) {
    synchronized (this) {
      if (isOff(signal)) {
        return false;
      }
      switch (signal) {
        case TRACES:
          traces = true;
          break;
        case METRICS:
          metrics = true;
          break;
        default:
          logs = true;
      }
    }
    try {
      GaugeDataPoint p = gauges.get(signal);
      if (p != null) {
        p.set(1);
      }
      Diagnostics.print(message(signal, where, error));
    } catch (RuntimeException | LinkageError e) {
      // The flag is what protects the application; a failing report must not undo that.
    }
    return true;
  }

  static String message(Signal signal, String where, Throwable error) {
    String what = signal == Signal.TRACES ? "HTTP server spans" : signal == Signal.METRICS
        ? "the scanium_http_* series" : "log export (the application's own console and file logging go on)";
    return "[scanium-telemetry] ERROR " + signal.id() + " disabled: " + what + " switched off for the rest of this"
        + " process after " + error + " in " + where + "; the application and the other signals are not affected."
        + " Likely cause: " + likelyCause(error) + " Found on the class path: " + ClassPathVersions.describe(signal)
        + ". Counted in " + ScaniumMetrics.TELEMETRY_SIGNAL_DISABLED + "{signal=\"" + signal.id() + "\"}.";
  }

  private static String likelyCause(Throwable error) {
    if (error instanceof LinkageError) {
      return "a dependency version mismatch: a library was compiled against a newer (or different) version of a"
          + " dependency than the one on the class path, typically because the application's dependency management"
          + " (a Spring Boot parent, a BOM) overrides it. Align the versions (see docs/logs.md and docs/metrics.md).";
    }
    return "an error inside the telemetry code (" + error.getClass().getSimpleName() + ").";
  }

  /** For the tests: a snapshot of the flags. */
  public Map<Signal, Boolean> snapshot() {
    Map<Signal, Boolean> m = new EnumMap<>(Signal.class);
    for (Signal s : Signal.values()) {
      m.put(s, isOff(s));
    }
    return m;
  }
}
