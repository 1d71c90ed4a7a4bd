package io.scanium.telemetry.testing;

import io.scanium.telemetry.exposition.Exposition;
import java.time.Duration;
import java.util.Objects;

/**
 * Assertions on any sample of the registry, by its exposed name (suffix included), e.g. a metric of the
 * application's own: {@code assertThat(capture).metric("shop_orders_total").withLabel("kind", "book").hasValue(2)}.
 */
public final class MetricAssert extends SeriesAssert<MetricAssert> {

  private final String sampleName;

  MetricAssert(TelemetryCapture capture, String description, Duration timeout, String sampleName) {
    super(capture, description, timeout, MetricAssert.class);
    this.sampleName = Objects.requireNonNull(sampleName, "sampleName");
  }

  /** The selected samples add up to {@code value} (waiting up to the await timeout). */
  public MetricAssert hasValue(double value) {
    await(sampleName, "to be " + Exposition.formatValue(value), v -> v == value, v -> false);
    return this;
  }

  /** The selected samples add up to more than {@code value}. */
  public MetricAssert hasValueGreaterThan(double value) {
    await(sampleName, "to be greater than " + Exposition.formatValue(value), v -> v > value, v -> false);
    return this;
  }
}
