package io.scanium.telemetry.internal.health;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.scanium.telemetry.internal.config.Signal;
import java.util.Collection;

/**
 * Wraps the metric exporter autoconfigure built, to count and report every export's outcome; an item is one data
 * point (one series), so {@code scanium_telemetry_exported_total{signal="metrics"}} grows by the number of series
 * pushed at each interval.
 */
public final class HealthMetricExporter implements MetricExporter {

  private final MetricExporter delegate;
  private final ExportHealth health;

  public HealthMetricExporter(MetricExporter delegate, ExportHealth health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    int points = 0;
    for (MetricData m : metrics) {
      points += m.getData().getPoints().size();
    }
    return health.track(Signal.METRICS, points, () -> delegate.export(metrics));
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return delegate.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return delegate.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    return delegate.getMemoryMode();
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
