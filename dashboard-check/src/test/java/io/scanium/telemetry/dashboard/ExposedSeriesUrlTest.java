package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scraping a live /metrics endpoint. */
class ExposedSeriesUrlTest {

  @Test
  void readsTheSeriesServedOnMetrics() throws IOException {
    try (MetricsServer server = MetricsServer.servingText(Files.readString(ExposedSeriesTest.CONTRACT_SCRAPE))) {
      ExposedSeries series = ExposedSeries.fromUrl(server.metricsUrl());

      assertThat(series.labelNames("scanium_http_requests_total")).contains("route", "status_code");
      assertThat(series.source()).isEqualTo(server.metricsUrl().toString());
    }
  }

  @Test
  void readsOpenMetricsAnswers() throws IOException {
    String body = "# TYPE jobs counter\njobs_total 1\n# EOF\n";
    try (MetricsServer server =
        MetricsServer.serving(200, "application/openmetrics-text; version=1.0.0; charset=utf-8", body)) {
      assertThat(ExposedSeries.fromUrl(server.metricsUrl()).metricNames()).containsExactly("jobs_total");
    }
  }

  @Test
  void errorStatusIsReportedWithTheUrl() throws IOException {
    try (MetricsServer server = MetricsServer.serving(403, "text/plain", "HTTPS required")) {
      assertThatThrownBy(() -> ExposedSeries.fromUrl(server.metricsUrl()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(server.metricsUrl().toString())
          .hasMessageContaining("403");
    }
  }

  @Test
  void protobufAnswerIsRejected() throws IOException {
    String protobuf = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";
    try (MetricsServer server = MetricsServer.serving(200, protobuf, "\u0001\u0002")) {
      assertThatThrownBy(() -> ExposedSeries.fromUrl(server.metricsUrl()))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("protobuf");
    }
  }

  @Test
  void unreachableEndpointIsReportedWithTheUrl() throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + freePort + "/metrics");
    assertThatThrownBy(() -> ExposedSeries.fromUrl(url, Duration.ofSeconds(2)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(url.toString());
  }
}
