package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.health.ExportHealth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Wraps a metric reader autoconfigure built from {@code OTEL_METRICS_EXPORTER} (the periodic OTLP reader) so that
 * each of its collections also carries the Prometheus registry, converted by {@link RegistryMetricData}: the push
 * carries what the scrape serves, at the export interval, through the exporter autoconfigure built and validated.
 *
 * <p>Only the readers that export get the registry: a {@code MetricProducer} registered on the meter provider would
 * be read by every reader, the library's {@code DroppedItemsReader} too, which the scrape itself calls, and each
 * scrape would convert the whole registry, recursively.
 */
final class RegistryPushReader implements MetricReader {

  private final MetricReader delegate;
  private final PrometheusRegistry registry;
  private final Supplier<Resource> resource;
  private final RegistryMetricData converter;
  private final ExportHealth health;

  RegistryPushReader(MetricReader delegate, PrometheusRegistry registry, Supplier<Resource> resource,
      String instrumentationVersion, ExportHealth health) {
    this.delegate = delegate;
    this.registry = registry;
    this.health = health;
    this.resource = resource;
    this.converter = new RegistryMetricData(InstrumentationScopeInfo.builder("io.scanium.telemetry")
        .setVersion(instrumentationVersion).build(), TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
  }

  @Override
  public void register(CollectionRegistration registration) {
    delegate.register(new CollectionRegistration() {
      @Override
      public Collection<MetricData> collectAllMetrics() {
        List<MetricData> all = new ArrayList<>(registration.collectAllMetrics());
        try {
          all.addAll(converter.convert(registry.scrape(), resource.get(),
              TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())));
        } catch (RuntimeException | LinkageError e) {
          // A collector of the application's that throws, or an SDK too old for the conversion: said and counted,
          // and the SDK's own metrics still go.
          health.unreadable(Signal.METRICS, e);
        }
        return all;
      }
    });
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
  public CompletableResultCode forceFlush() {
    return delegate.forceFlush();
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
