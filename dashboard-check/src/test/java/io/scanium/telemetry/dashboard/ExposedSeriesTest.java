package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the Prometheus text exposition and OpenMetrics text. */
class ExposedSeriesTest {

  static final Path CONTRACT_SCRAPE = Path.of("src/test/resources/scrapes/scanium-backend.prom");

  @Test
  void contractFixtureHasTheHttpMetricsWithTheirLabels() {
    ExposedSeries series = ExposedSeries.fromScrapeFile(CONTRACT_SCRAPE);

    assertThat(series.labelNames("scanium_http_requests_total"))
        .containsExactly("deployment_environment", "method", "route", "service_name", "status_code");
    assertThat(series.labelNames("scanium_http_request_duration_ms_bucket"))
        .containsExactly("deployment_environment", "le", "method", "route", "service_name", "status_code");
    assertThat(series.labelNames("scanium_http_requests_in_flight"))
        .containsExactly("deployment_environment", "method", "service_name");
    assertThat(series.labelNames("scanium_telemetry_info"))
        .containsExactly("deployment_environment", "service_name", "version");
    assertThat(series.source()).contains("scanium-backend.prom");
  }

  @Test
  void aScaniumServiceBeforeItsFirstRequestDeclaresTheHttpContract() {
    ExposedSeries fresh = ExposedSeries.fromText(String.join("\n",
        "# TYPE scanium_telemetry_info gauge",
        "scanium_telemetry_info{version=\"0.1.0\",service_name=\"s\",deployment_environment=\"prod\"} 1.0"));
    for (String name : new String[] {"scanium_http_requests_total", "scanium_http_request_duration_ms_bucket",
        "scanium_http_request_duration_ms_count", "scanium_http_request_duration_ms_sum"}) {
      assertThat(fresh.contains(name)).as("%s declared", name).isTrue();
      assertThat(fresh.labelsKnown(name)).as("labels of %s before any series", name).isFalse();
    }
    assertThat(ExposedSeries.fromText("# TYPE other_info gauge\nother_info 1\n").contains(
        "scanium_http_requests_total")).as("without scanium_telemetry_info nothing is assumed").isFalse();
  }

  @Test
  void counterSamplesKeepTheirTotalSuffix() {
    ExposedSeries series =
        ExposedSeries.fromText("# TYPE http_requests_total counter\nhttp_requests_total{code=\"200\"} 3\n");
    assertThat(series.metricNames()).containsExactly("http_requests_total");
    assertThat(series.labelsKnown("http_requests_total")).isTrue();
  }

  @Test
  void histogramBucketsCarryLeButCountAndSumDoNot() {
    ExposedSeries series =
        ExposedSeries.fromText(
            String.join(
                "\n",
                "# HELP d Duration.",
                "# TYPE d histogram",
                "d_bucket{route=\"/\",le=\"5.0\"} 1",
                "d_bucket{route=\"/\",le=\"+Inf\"} 2",
                "d_count{route=\"/\"} 2",
                "d_sum{route=\"/\"} 7.5"));
    assertThat(series.metricNames()).containsExactly("d_bucket", "d_count", "d_sum");
    assertThat(series.labelNames("d_bucket")).containsExactly("le", "route");
    assertThat(series.labelNames("d_count")).containsExactly("route");
  }

  @Test
  void summaryQuantilesCarryQuantile() {
    ExposedSeries series =
        ExposedSeries.fromText(
            "# TYPE rpc summary\nrpc{quantile=\"0.5\"} 0.2\nrpc{quantile=\"0.99\"} 0.9\nrpc_count 10\nrpc_sum 3\n");
    assertThat(series.metricNames()).containsExactly("rpc", "rpc_count", "rpc_sum");
    assertThat(series.labelNames("rpc")).containsExactly("quantile");
  }

  @Test
  void openMetricsCreatedSeriesAndEof() {
    ExposedSeries series =
        ExposedSeries.fromText(
            String.join(
                "\n",
                "# TYPE jobs counter",
                "# UNIT jobs jobs",
                "jobs_total{queue=\"a\"} 1.0",
                "jobs_created{queue=\"a\"} 1.7e9",
                "# EOF",
                "ignored_after_eof 1"));
    assertThat(series.metricNames()).containsExactly("jobs_created", "jobs_total");
  }

  @Test
  void exemplarsAfterTheValueAreIgnored() {
    ExposedSeries series =
        ExposedSeries.fromText(
            "# TYPE d histogram\n"
                + "d_bucket{le=\"0.5\"} 3 # {trace_id=\"4bf92f3577b34da6\",span_id=\"00f067aa0ba902b7\"} 0.43 1.6e9\n"
                + "# EOF\n");
    assertThat(series.metricNames()).containsExactly("d_bucket", "d_count", "d_sum");
    assertThat(series.labelNames("d_bucket")).containsExactly("le");
  }

  @Test
  void timestampsAreIgnored() {
    assertThat(ExposedSeries.fromText("x{a=\"1\"} 5 1700000000000\n").labelNames("x")).containsExactly("a");
  }

  @Test
  void escapedLabelValuesMayHoldBracesCommasQuotesAndHashes() {
    ExposedSeries series =
        ExposedSeries.fromText("x{route=\"/v1/items/{id}\",msg=\"a, \\\"b\\\" # c}\",z=\"\\\\\"} 1\n");
    assertThat(series.labelNames("x")).containsExactly("msg", "route", "z");
  }

  @Test
  void quotedMetricNameOfPrometheus3() {
    ExposedSeries series = ExposedSeries.fromText("{\"http.server.requests\",route=\"/\"} 1\n");
    assertThat(series.labelNames("http.server.requests")).containsExactly("route");
  }

  @Test
  void declaredCounterWithoutSamplesIsExposedWithUnknownLabels() {
    ExposedSeries series = ExposedSeries.fromText("# HELP errors_total Errors.\n# TYPE errors_total counter\n");
    assertThat(series.contains("errors_total")).isTrue();
    assertThat(series.labelsKnown("errors_total")).isFalse();
  }

  @Test
  void declaredOpenMetricsCounterWithoutSamplesGetsTotalSuffix() {
    ExposedSeries series = ExposedSeries.fromText("# TYPE errors counter\n# EOF\n");
    assertThat(series.metricNames()).containsExactly("errors_total");
  }

  @Test
  void declaredHistogramWithoutSamplesExposesBucketCountAndSum() {
    ExposedSeries series = ExposedSeries.fromText("# TYPE latency_ms histogram\n");
    assertThat(series.metricNames()).containsExactly("latency_ms_bucket", "latency_ms_count", "latency_ms_sum");
    assertThat(series.labelNames("latency_ms_bucket")).containsExactly("le");
    assertThat(series.labelsKnown("latency_ms_bucket")).isFalse();
  }

  @Test
  void htmlErrorPageIsRejectedWithLineNumber() {
    assertThatThrownBy(() -> ExposedSeries.fromText("<html>\n<body>502 Bad Gateway</body>\n</html>\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void sampleWithoutValueIsRejected() {
    assertThatThrownBy(() -> ExposedSeries.fromText("ok 1\nbroken{a=\"1\"}\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void nonNumericValueIsRejected() {
    assertThatThrownBy(() -> ExposedSeries.fromText("x{a=\"1\"} high\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'high'");
  }

  @Test
  void specialValuesAreAccepted() {
    assertThat(ExposedSeries.fromText("a +Inf\nb -Inf\nc NaN\nd 1.5e-3\n").metricNames())
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void missingScrapeFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.prom");
    assertThatThrownBy(() -> ExposedSeries.fromScrapeFile(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void jobAndInstanceAreTargetLabelsByDefault() {
    assertThat(ExposedSeries.fromText("x 1\n").targetLabels()).containsExactly("instance", "job");
  }

  @Test
  void moreTargetLabelsCanBeAdded() {
    ExposedSeries series = ExposedSeries.fromText("x 1\n").withTargetLabels("env", "source");
    assertThat(series.targetLabels()).containsExactly("env", "instance", "job", "source");
  }

  @Test
  void plusUnitesNamesAndLabels() {
    ExposedSeries scrape = ExposedSeries.fromText("x{a=\"1\"} 1\n# TYPE y counter\n");
    ExposedSeries rules = ExposedSeries.builder().metric("x", "b").metric("y", "c").metric("job:x:rate5m").build();
    ExposedSeries both = scrape.plus(rules);
    assertThat(both.metricNames()).containsExactly("job:x:rate5m", "x", "y");
    assertThat(both.labelNames("x")).containsExactly("a", "b");
    assertThat(both.labelsKnown("y")).isTrue();
  }
}
