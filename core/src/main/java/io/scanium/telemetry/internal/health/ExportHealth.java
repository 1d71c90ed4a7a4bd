package io.scanium.telemetry.internal.health;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.Signal;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Makes export failures loud: each failed export is counted in the {@code scanium_telemetry_*} series of the same
 * scrape, and reported on stderr (rate-limited) with the signal, the URL and the likely cause.
 */
public final class ExportHealth {

  private final Map<Signal, SignalHealth> bySignal = new EnumMap<>(Signal.class);
  private final Diagnostics diagnostics;

  /**
   * Registers the health series of traces and logs in the registry, and of metrics when they are pushed over OTLP
   * ({@code urls} has a URL for them): a scrape-only service gets no {@code signal="metrics"} series.
   */
  public ExportHealth(PrometheusRegistry registry, Diagnostics diagnostics, Map<Signal, String> urls) {
    this.diagnostics = diagnostics;
    Counter exported = Counter.builder().name(ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL)
        .help("Spans, log records or metric points accepted by the collector, per signal.")
        .labelNames(ScaniumMetrics.LABEL_SIGNAL).register(registry);
    Counter failed = Counter.builder().name(ScaniumMetrics.TELEMETRY_EXPORT_FAILED_TOTAL)
        .help("Spans, log records or metric points the exporter failed to deliver (collector down, refused, or"
            + " erroring), per signal.")
        .labelNames(ScaniumMetrics.LABEL_SIGNAL).register(registry);
    Counter failures = Counter.builder().name(ScaniumMetrics.TELEMETRY_EXPORT_FAILURES_TOTAL)
        .help("Export calls that failed, per signal.")
        .labelNames(ScaniumMetrics.LABEL_SIGNAL).register(registry);
    Gauge up = Gauge.builder().name(ScaniumMetrics.TELEMETRY_EXPORT_UP)
        .help("1 while the last export of the signal succeeded (or none was attempted yet), 0 after a failure or while"
            + " OTEL_SDK_DISABLED=true switches export off.")
        .labelNames(ScaniumMetrics.LABEL_SIGNAL).register(registry);
    for (Signal s : Signal.values()) {
      if (s == Signal.METRICS && !urls.containsKey(s)) {
        continue;
      }
      SignalHealth h = new SignalHealth(s, urls.getOrDefault(s, "(not exported)"),
          exported.labelValues(s.id()), failed.labelValues(s.id()), failures.labelValues(s.id()),
          up.labelValues(s.id()));
      h.up.set(1);
      bySignal.put(s, h);
    }
  }

  /**
   * Says in the series that {@code signal} is not exported at all ({@code OTEL_SDK_DISABLED=true}): its
   * {@code scanium_telemetry_export_up} is 0, so an alert on it fires instead of showing a healthy 1 forever.
   */
  public void notExported(Signal signal) {
    SignalHealth h = bySignal.get(signal);
    if (h != null) {
      h.up.set(0);
    }
  }

  /**
   * Records that what {@code signal} should carry could not be read (the registry of a metrics push threw, or the
   * conversion failed on a mismatched SDK version): a failed export call, said on stderr, rate-limited.
   */
  public void unreadable(Signal signal, Throwable failure) {
    SignalHealth h = bySignal.get(signal);
    if (h == null) {
      return;
    }
    h.failures.inc();
    h.up.set(0);
    h.failing.set(failure.toString());
    diagnostics.warn("read-" + signal.id(), "Could not read the " + signal.id() + " to push to " + h.url + ": "
        + failure + ". This push goes without them; the application keeps running. Counted in "
        + ScaniumMetrics.TELEMETRY_EXPORT_FAILURES_TOTAL + "{signal=\"" + signal.id() + "\"}.");
  }

  /**
   * Runs one export and records its outcome when it completes. An exporter that throws is counted as a failed
   * export instead of propagating into the SDK's worker thread.
   */
  public CompletableResultCode track(Signal signal, int items, Supplier<CompletableResultCode> export) {
    CompletableResultCode result;
    try {
      result = export.get();
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    CompletableResultCode r = result;
    r.whenComplete(() -> onExportComplete(signal, items, r));
    return r;
  }

  /** Called when an export of {@code items} items of {@code signal} has completed. */
  public void onExportComplete(Signal signal, int items, CompletableResultCode result) {
    SignalHealth h = bySignal.get(signal);
    if (h == null) {
      return;
    }
    if (result.isSuccess()) {
      h.exported.inc(items);
      h.up.set(1);
      if (h.failing.getAndSet(null) != null) {
        Diagnostics.print("[scanium-telemetry] INFO " + signal.id() + " export to " + h.url + " recovered.");
      }
      return;
    }
    h.failed.inc(items);
    h.failures.inc();
    h.up.set(0);
    String cause = describe(result.getFailureThrowable());
    h.failing.set(cause);
    diagnostics.warn("export-" + signal.id(), "Could not export " + items + " " + signal.items() + " to " + h.url
        + ": " + cause + ". They are lost; the application keeps running. Counted in "
        + ScaniumMetrics.TELEMETRY_EXPORT_FAILED_TOTAL + "{signal=\"" + signal.id() + "\"}.");
  }

  /** Plain words for an export failure, with a hint for the common cases. */
  static String describe(Throwable t) {
    if (t == null) {
      return "the exporter reported a failure without a cause (timeout or shutdown)";
    }
    if (t instanceof FailedExportException.HttpExportException) {
      FailedExportException.HttpExportException h = (FailedExportException.HttpExportException) t;
      int status = h.failedWithResponse() ? statusCode(h) : -1;
      if (status > 0) {
        String hint = status == 404 ? " (is this the OTLP/HTTP port, and does the collector have a pipeline for this"
            + " signal?)"
            : status == 401 || status == 403 ? " (check the credentials in OTEL_EXPORTER_OTLP_HEADERS)"
            : status == 413 ? " (the collector rejects the batch size: lower OTEL_BSP_MAX_EXPORT_BATCH_SIZE)"
            : status == 429 || status >= 500 ? " (the collector is overloaded or failing)" : "";
        return "the collector answered HTTP " + status + hint;
      }
      if (h.getCause() != null) {
        t = h.getCause();
      }
    }
    Throwable root = t;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConnectException) {
        return "connection refused; is the collector running and reachable from here?";
      }
      root = c;
    }
    if (t instanceof HttpConnectTimeoutException || root instanceof HttpConnectTimeoutException) {
      return "connection timed out; is the host reachable from this network?";
    }
    if (t instanceof HttpTimeoutException || root instanceof HttpTimeoutException) {
      return "the collector did not answer within OTEL_EXPORTER_OTLP_TIMEOUT";
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  /**
   * The HTTP status of a failed export's response, or -1. The response type is the exporter's internal API, whose
   * accessor was renamed between releases ({@code statusCode()} up to 1.5x, {@code getStatusCode()} later); the
   * library runs on whichever version the application's dependency management picks, so it asks by name.
   */
  static int statusCode(FailedExportException.HttpExportException failure) {
    Object response = failure.getResponse();
    if (response == null) {
      return -1;
    }
    for (String accessor : new String[] {"statusCode", "getStatusCode"}) {
      try {
        // Looked up on the public interface: the implementations are private classes, not callable reflectively.
        Class<?> type = FailedExportException.HttpExportException.class.getMethod("getResponse").getReturnType();
        Object value = type.getMethod(accessor).invoke(response);
        if (value instanceof Integer) {
          return (Integer) value;
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        // Not this version's accessor: try the other one; with neither, the failure is described without a status.
      }
    }
    return -1;
  }

  private static final class SignalHealth {
    final Signal signal;
    final String url;
    final CounterDataPoint exported;
    final CounterDataPoint failed;
    final CounterDataPoint failures;
    final GaugeDataPoint up;
    final AtomicReference<String> failing = new AtomicReference<>();

    SignalHealth(Signal signal, String url, CounterDataPoint exported, CounterDataPoint failed,
        CounterDataPoint failures, GaugeDataPoint up) {
      this.signal = signal;
      this.url = url;
      this.exported = exported;
      this.failed = failed;
      this.failures = failures;
      this.up = up;
    }
  }
}
