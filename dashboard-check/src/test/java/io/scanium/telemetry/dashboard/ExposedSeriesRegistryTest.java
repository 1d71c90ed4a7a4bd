package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/** A registry maps to the names a scrape of it would show. */
class ExposedSeriesRegistryTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void counterGetsTotalSuffixAndItsLabels() {
    Counter requests =
        Counter.builder()
            .name("scanium_http_requests_total")
            .help("Finished HTTP requests.")
            .labelNames("method", "route", "status_code")
            .register(registry);
    requests.labelValues("GET", "/v1/config", "200").inc();

    ExposedSeries series = ExposedSeries.fromRegistry(registry);

    assertThat(series.metricNames()).contains("scanium_http_requests_total").doesNotContain("scanium_http_requests");
    assertThat(series.labelNames("scanium_http_requests_total")).containsExactly("method", "route", "status_code");
  }

  @Test
  void classicHistogramGetsBucketCountAndSum() {
    Histogram duration =
        Histogram.builder()
            .name("scanium_http_request_duration_ms")
            .help("HTTP request duration in milliseconds.")
            .classicOnly()
            .classicUpperBounds(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .labelNames("method", "route")
            .register(registry);
    duration.labelValues("GET", "/v1/config").observe(12);

    ExposedSeries series = ExposedSeries.fromRegistry(registry);

    assertThat(series.metricNames())
        .contains(
            "scanium_http_request_duration_ms_bucket",
            "scanium_http_request_duration_ms_count",
            "scanium_http_request_duration_ms_sum");
    assertThat(series.labelNames("scanium_http_request_duration_ms_bucket")).containsExactly("le", "method", "route");
    assertThat(series.labelNames("scanium_http_request_duration_ms_count")).containsExactly("method", "route");
  }

  @Test
  void infoMetricGetsInfoSuffix() {
    Info info =
        Info.builder().name("scanium_telemetry_info").help("Build info.").labelNames("version").register(registry);
    info.setLabelValues("0.1.0");

    ExposedSeries series = ExposedSeries.fromRegistry(registry);

    assertThat(series.labelNames("scanium_telemetry_info")).containsExactly("version");
  }

  @Test
  void gaugeKeepsItsName() {
    Gauge.builder().name("scanium_http_requests_in_flight").help("In flight.").register(registry).set(2);

    assertThat(ExposedSeries.fromRegistry(registry).metricNames()).contains("scanium_http_requests_in_flight");
  }

  @Test
  void summaryQuantilesCarryQuantile() {
    Summary latency =
        Summary.builder().name("rpc_latency_seconds").help("RPC latency.").quantile(0.5, 0.01).register(registry);
    latency.observe(0.2);

    ExposedSeries series = ExposedSeries.fromRegistry(registry);

    assertThat(series.labelNames("rpc_latency_seconds")).containsExactly("quantile");
    assertThat(series.metricNames()).contains("rpc_latency_seconds_count", "rpc_latency_seconds_sum");
  }

  @Test
  void stateSetCarriesItsOwnNameAsLabel() {
    StateSet.builder().name("feature_flags").help("Flags.").states("a", "b").register(registry);

    assertThat(ExposedSeries.fromRegistry(registry).labelNames("feature_flags")).contains("feature_flags");
  }

  @Test
  void labelledCounterBeforeItsFirstIncrementIsExposedWithUnknownLabels() {
    Counter.builder()
        .name("scanium_assistant_errors_total")
        .help("Assistant errors.")
        .labelNames("provider", "error_type")
        .register(registry);

    ExposedSeries series = ExposedSeries.fromRegistry(registry);

    assertThat(series.contains("scanium_assistant_errors_total")).isTrue();
    assertThat(series.labelsKnown("scanium_assistant_errors_total")).isFalse();
  }

  @Test
  void labelledHistogramBeforeItsFirstObservationExposesBucketWithLe() {
    Histogram.builder()
        .name("scanium_assistant_request_latency_ms")
        .help("Latency.")
        .classicOnly()
        .labelNames("provider")
        .register(registry);

    ExposedSeries series = ExposedSeries.fromRegistry(registry);

    assertThat(series.metricNames())
        .contains(
            "scanium_assistant_request_latency_ms_bucket",
            "scanium_assistant_request_latency_ms_count",
            "scanium_assistant_request_latency_ms_sum");
    assertThat(series.labelNames("scanium_assistant_request_latency_ms_bucket")).containsExactly("le");
  }

  @Test
  void emptyRegistryExposesNothing() {
    assertThat(ExposedSeries.fromRegistry(registry).metricNames()).isEmpty();
  }
}
