package io.scanium.telemetry.testing;

import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.exposition.Exposition;
import java.time.Duration;

/**
 * Assertions on the {@code scanium_http_request_duration_ms} histogram's {@code _count} and {@code _sum}:
 * {@code assertThat(capture).httpDurations().withRoute("/v1/items/{id}").hasCount(3).hasSumGreaterThan(50)}.
 */
public final class HttpDurationsAssert extends HttpSeriesAssert<HttpDurationsAssert> {

  static final String COUNT = ScaniumMetrics.HTTP_REQUEST_DURATION_MS + "_count";
  static final String SUM = ScaniumMetrics.HTTP_REQUEST_DURATION_MS + "_sum";

  HttpDurationsAssert(TelemetryCapture capture, String description, Duration timeout) {
    super(capture, description, timeout, HttpDurationsAssert.class);
  }

  /** The selected histograms observed exactly {@code count} requests. */
  public HttpDurationsAssert hasCount(long count) {
    await(COUNT, "to be " + count, v -> v == count, v -> v > count);
    return this;
  }

  /** The selected requests took more than {@code millis} milliseconds together. */
  public HttpDurationsAssert hasSumGreaterThan(double millis) {
    await(SUM, "to be greater than " + Exposition.formatValue(millis), v -> v > millis, v -> false);
    return this;
  }

  /**
   * The selected requests took less than {@code millis} milliseconds together (once at least one was recorded: an
   * empty histogram would pass trivially).
   */
  public HttpDurationsAssert hasSumLessThan(double millis) {
    hasCountAtLeastOne();
    await(SUM, "to be less than " + Exposition.formatValue(millis), v -> v < millis, v -> v >= millis);
    return this;
  }

  private void hasCountAtLeastOne() {
    await(COUNT, "to be at least 1", v -> v >= 1, v -> false);
  }
}
