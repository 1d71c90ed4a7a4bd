package io.scanium.telemetry.testing;

import io.scanium.telemetry.ScaniumMetrics;
import java.time.Duration;

/**
 * Assertions on {@code scanium_http_requests_total}:
 * {@code assertThat(capture).httpRequests().withMethod("GET").withRoute("/v1/items/{id}").withStatus(200).hasCount(3)}.
 */
public final class HttpRequestsAssert extends HttpSeriesAssert<HttpRequestsAssert> {

  HttpRequestsAssert(TelemetryCapture capture, String description, Duration timeout) {
    super(capture, description, timeout, HttpRequestsAssert.class);
  }

  /**
   * The selected series count exactly {@code count} requests (waiting up to the await timeout for requests still
   * being recorded; failing at once when there are already more).
   */
  public HttpRequestsAssert hasCount(long count) {
    await(ScaniumMetrics.HTTP_REQUESTS_TOTAL, "to be " + count, v -> v == count, v -> v > count);
    return this;
  }
}
