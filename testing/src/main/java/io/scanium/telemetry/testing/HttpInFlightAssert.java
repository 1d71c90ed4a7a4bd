package io.scanium.telemetry.testing;

import io.scanium.telemetry.ScaniumMetrics;
import java.time.Duration;

/**
 * Assertions on the {@code scanium_http_requests_in_flight} gauge (labelled by method only):
 * {@code assertThat(capture).httpRequestsInFlight().withMethod("GET").hasValue(0)}.
 */
public final class HttpInFlightAssert extends SeriesAssert<HttpInFlightAssert> {

  HttpInFlightAssert(TelemetryCapture capture, String description, Duration timeout) {
    super(capture, description, timeout, HttpInFlightAssert.class);
  }

  /** The selected gauges add up to {@code requests} (waiting for requests still finishing). */
  public HttpInFlightAssert hasValue(long requests) {
    await(ScaniumMetrics.HTTP_REQUESTS_IN_FLIGHT, "to be " + requests, v -> v == requests, v -> false);
    return this;
  }
}
