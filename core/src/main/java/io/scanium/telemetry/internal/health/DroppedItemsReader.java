package io.scanium.telemetry.internal.health;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.internal.config.Signal;
import java.util.Collection;

/**
 * Reads, at scrape time, how many spans and log records the SDK's batch processors dropped because their queue was
 * full (the collector too slow or down), and exposes them as {@code scanium_telemetry_dropped_total{signal}}.
 *
 * <p>The batch processors already count drops in their own metrics on the SDK's MeterProvider; registering this
 * reader there is how those counts reach the Prometheus scrape without a second bookkeeping on the hot path.
 * Both the legacy names ({@code processedSpans{dropped=true}}) and the semantic-convention names
 * ({@code otel.sdk.processor.*.processed} with {@code error.type}) are understood.
 */
public final class DroppedItemsReader implements MetricReader, MultiCollector {

  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public MemoryMode getMemoryMode() {
    return MemoryMode.IMMUTABLE_DATA;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    registration = CollectionRegistration.noop();
    return CompletableResultCode.ofSuccess();
  }

  /** Dropped items per signal so far. */
  public long dropped(Signal signal) {
    return count(registration.collectAllMetrics(), signal);
  }

  @Override
  public MetricSnapshots collect() {
    Collection<MetricData> metrics = registration.collectAllMetrics();
    CounterSnapshot.Builder b = CounterSnapshot.builder()
        .name(ScaniumMetrics.TELEMETRY_DROPPED_TOTAL.replaceFirst("_total$", ""))
        .help("Spans or log records dropped before export because the exporter queue was full, per signal.");
    for (Signal s : new Signal[] {Signal.TRACES, Signal.LOGS}) {
      b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
          .labels(Labels.of(ScaniumMetrics.LABEL_SIGNAL, s.id()))
          .value(count(metrics, s))
          .build());
    }
    return MetricSnapshots.of(b.build());
  }

  private static long count(Collection<MetricData> metrics, Signal signal) {
    String legacy = signal == Signal.TRACES ? "processedSpans" : "processedLogs";
    String semconv = signal == Signal.TRACES ? "otel.sdk.processor.span.processed" : "otel.sdk.processor.log.processed";
    long total = 0;
    for (MetricData m : metrics) {
      boolean isLegacy = m.getName().equals(legacy);
      if (!isLegacy && !m.getName().equals(semconv)) {
        continue;
      }
      for (LongPointData p : m.getLongSumData().getPoints()) {
        boolean dropped = isLegacy ? Boolean.TRUE.equals(p.getAttributes().get(DROPPED))
            : p.getAttributes().get(ERROR_TYPE) != null;
        if (dropped) {
          total += p.getValue();
        }
      }
    }
    return total;
  }
}
