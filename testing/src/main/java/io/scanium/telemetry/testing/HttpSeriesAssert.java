package io.scanium.telemetry.testing;

import io.scanium.telemetry.ScaniumMetrics;
import java.time.Duration;

/**
 * The label selectors shared by the request counter and the duration histogram: method, route template and status.
 *
 * @param <SELF> the concrete assertion, for chaining
 */
public abstract class HttpSeriesAssert<SELF extends HttpSeriesAssert<SELF>> extends SeriesAssert<SELF> {

  HttpSeriesAssert(TelemetryCapture capture, String description, Duration timeout, Class<?> selfType) {
    super(capture, description, timeout, selfType);
  }

  /**
   * Only series of this route template, exactly as the contract writes it: {@code /v1/items/{id}},
   * {@code __unmatched__} for requests that matched no route.
   */
  public SELF withRoute(String routeTemplate) {
    return withLabel(ScaniumMetrics.LABEL_ROUTE, routeTemplate);
  }

  /** Only series of this status code, the one the client received. */
  public SELF withStatus(int statusCode) {
    return withLabel(ScaniumMetrics.LABEL_STATUS_CODE, Integer.toString(statusCode));
  }
}
