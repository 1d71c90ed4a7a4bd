package io.scanium.telemetry;

import java.util.List;

/**
 * The metric contract: names, label names and bucket bounds that dashboards depend on. Public API, documented in
 * {@code docs/metrics.md}; changing anything here breaks somebody's dashboard, so it changes only on purpose.
 */
public final class ScaniumMetrics {

  /** Counter of finished HTTP requests. */
  public static final String HTTP_REQUESTS_TOTAL = "scanium_http_requests_total";
  /** Histogram of HTTP request durations in milliseconds ({@code _bucket}, {@code _count}, {@code _sum}). */
  public static final String HTTP_REQUEST_DURATION_MS = "scanium_http_request_duration_ms";
  /** Gauge of HTTP requests started and not yet finished. */
  public static final String HTTP_REQUESTS_IN_FLIGHT = "scanium_http_requests_in_flight";
  /** Always 1: tells "not scraped" apart from "no traffic yet". */
  public static final String TELEMETRY_INFO = "scanium_telemetry_info";
  /** Counter of spans/log records handed to an exporter and accepted, per signal. */
  public static final String TELEMETRY_EXPORTED_TOTAL = "scanium_telemetry_exported_total";
  /** Counter of spans/log records an exporter failed to deliver, per signal. */
  public static final String TELEMETRY_EXPORT_FAILED_TOTAL = "scanium_telemetry_export_failed_total";
  /** Counter of spans/log records dropped before export (queue full), per signal. */
  public static final String TELEMETRY_DROPPED_TOTAL = "scanium_telemetry_dropped_total";
  /** Counter of export calls that failed, per signal. */
  public static final String TELEMETRY_EXPORT_FAILURES_TOTAL = "scanium_telemetry_export_failures_total";
  /** 1 while the last export of a signal succeeded, 0 after a failure. */
  public static final String TELEMETRY_EXPORT_UP = "scanium_telemetry_export_up";

  /** 1 once a signal was switched off because its code failed with an Error (a dependency mismatch), per signal. */
  public static final String TELEMETRY_SIGNAL_DISABLED = "scanium_telemetry_signal_disabled";
  /** 1 for the startup probe's result per signal ({@code signal}, {@code result}). */
  public static final String TELEMETRY_STARTUP_PROBE = "scanium_telemetry_startup_probe";
  /** When the scrape endpoint was last read, Unix seconds; 0 until the first scrape. */
  public static final String TELEMETRY_LAST_SCRAPE_TIMESTAMP = "scanium_telemetry_last_scrape_timestamp_seconds";

  /** Label: the request method ({@code GET}, ..., or {@code _OTHER}). */
  public static final String LABEL_METHOD = "method";
  /** Label: the route template ({@code /v1/items/{id}}), {@code __unmatched__} or {@code __overflow__}. */
  public static final String LABEL_ROUTE = "route";
  /** Label: the status code the client received. */
  public static final String LABEL_STATUS_CODE = "status_code";
  /** Label: the OpenTelemetry resource's {@code service.name}. */
  public static final String LABEL_SERVICE_NAME = "service_name";
  /** Label: the OpenTelemetry resource's {@code deployment.environment.name}. */
  public static final String LABEL_DEPLOYMENT_ENVIRONMENT = "deployment_environment";
  /** Label on the {@code scanium_telemetry_*} export series: {@code traces}, {@code logs} or {@code metrics}. */
  public static final String LABEL_SIGNAL = "signal";

  /** Upper bounds of the duration histogram's buckets, in milliseconds (plus {@code +Inf}). */
  public static final List<Double> DURATION_BUCKETS_MS =
      List.of(5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0);

  private ScaniumMetrics() {}
}
