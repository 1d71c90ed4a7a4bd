package io.scanium.telemetry.testing;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.catalog.Catalog;
import com.example.catalog.CatalogJdkServer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scanium.telemetry.ScaniumTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a failing assertion says: the series, span or record asked for, and what was found instead, so that a red test
 * shows its cause without a debugger.
 */
class FailureMessageTest {

  private static final String FOUND_200 = "scanium_http_requests_total{deployment_environment=\"test\",method=\"GET\","
      + "route=\"/v1/items/{id}\",service_name=\"test-service\",status_code=\"200\"} 1";
  private static final String FOUND_404 = "scanium_http_requests_total{deployment_environment=\"test\",method=\"GET\","
      + "route=\"/v1/items/{id}\",service_name=\"test-service\",status_code=\"404\"} 2";

  @RegisterExtension
  static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create()
      .withAwaitTimeout(Duration.ofMillis(200));

  private CatalogJdkServer server;
  private URI base;

  @BeforeEach
  void start(ScaniumTelemetry installed) throws Exception {
    server = CatalogJdkServer.start(installed);
    base = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void traffic(TelemetryCapture capture) throws Exception {
    Http.get(base.resolve("/v1/items/1"));
    Http.get(base.resolve("/v1/items/x"));
    Http.get(base.resolve("/v1/items/y"));
    Http.post(base.resolve(Catalog.CLASSIFY_ROUTE), "a phone");
    // The assertions below must fail for what they ask, not because the traffic is still being recorded.
    assertThat(capture).httpRequests().hasCount(4);
  }

  @Test
  void requestCountNamesTheSeriesAskedForAndEverySeriesFound(TelemetryCapture capture) throws Exception {
    traffic(capture);

    assertThatThrownBy(() -> assertThat(capture).httpRequests().withMethod("GET").withRoute("/v1/items/{id}")
        .withStatus(200).hasCount(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected scanium_http_requests_total{method=\"GET\",route=\"/v1/items/{id}\","
            + "status_code=\"200\"} to be 3 but was 1")
        .hasMessageContaining("series found:")
        .hasMessageContaining(FOUND_200)
        .hasMessageContaining(FOUND_404)
        .hasMessageContaining("route=\"/v1/classify\"");
  }

  @Test
  void aRouteWrittenInAnotherSyntaxShowsTheTemplateActuallyRecorded(TelemetryCapture capture) throws Exception {
    traffic(capture);

    assertThatThrownBy(() -> assertThat(capture).httpRequests().withRoute("/v1/items/:id").hasCount(3))
        .hasMessageStartingWith("expected scanium_http_requests_total{route=\"/v1/items/:id\"} to be 3 but was 0")
        .hasMessageContaining(FOUND_404);
  }

  @Test
  void aSumOfSeveralSeriesSaysSo(TelemetryCapture capture) throws Exception {
    traffic(capture);

    assertThatThrownBy(() -> assertThat(capture).httpRequests().withRoute("/v1/items/{id}").hasCount(5))
        .hasMessageContaining("to be 5 but was 3 (the sum of 2 matching series)");
  }

  @Test
  void aCountAlreadyTooHighFailsWithoutWaiting(TelemetryCapture capture) throws Exception {
    traffic(capture);
    long start = System.nanoTime();

    assertThatThrownBy(() -> assertThat(capture).within(Duration.ofSeconds(60)).httpRequests()
        .withRoute("/v1/items/{id}").withStatus(404).hasCount(1))
        .hasMessageContaining("to be 1 but was 2");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void noRecordedRequestAtAllIsSaid(TelemetryCapture capture) {
    assertThatThrownBy(() -> assertThat(capture).httpRequests().withMethod("GET").hasCount(1))
        .hasMessage("expected scanium_http_requests_total{method=\"GET\"} to be 1 but was 0 (waited up to 200 ms);"
            + " series found: none of scanium_http_requests_total (nothing recorded yet)");
  }

  @Test
  void durationSumNamesTheHistogramSeries(TelemetryCapture capture) throws Exception {
    traffic(capture);

    assertThatThrownBy(() -> assertThat(capture).httpDurations().withRoute("/v1/items/{id}").withStatus(200)
        .hasSumGreaterThan(3_600_000))
        .hasMessageContaining("expected scanium_http_request_duration_ms_sum{route=\"/v1/items/{id}\","
            + "status_code=\"200\"} to be greater than 3600000 but was ")
        .hasMessageContaining("scanium_http_request_duration_ms_sum{deployment_environment=\"test\",method=\"GET\","
            + "route=\"/v1/items/{id}\",service_name=\"test-service\",status_code=\"404\"}");
    assertThatThrownBy(() -> assertThat(capture).httpDurations().withStatus(500).hasCount(1))
        .hasMessageStartingWith("expected scanium_http_request_duration_ms_count{status_code=\"500\"} to be 1 but "
            + "was 0");
  }

  @Test
  void spanNamesEveryConditionAndListsTheSpansFound(TelemetryCapture capture) throws Exception {
    traffic(capture);

    assertThatThrownBy(() -> assertThat(capture).hasSpan("GET /v1/items/{id}").isServer()
        .withAttribute("url.path", "/v1/items/2"))
        .hasMessageStartingWith("expected a span named \"GET /v1/items/{id}\", kind SERVER, url.path=/v1/items/2"
            + " but found none (3 spans named \"GET /v1/items/{id}\", kind SERVER, but none also"
            + " url.path=/v1/items/2)")
        .hasMessageContaining("spans found:")
        .hasMessageContaining("url.path=/v1/items/1")
        .hasMessageContaining("url.path=/v1/items/x")
        .hasMessageContaining("\"classify\" INTERNAL");
    assertThatThrownBy(() -> assertThat(capture).hasSpan("GET /v1/items/{id}").hasStatus(StatusCode.ERROR))
        .hasMessageContaining("but found none (3 spans named \"GET /v1/items/{id}\", but none also status ERROR)");
  }

  @Test
  void logNamesTheTraceIdAskedForAndTheRecordsFound(TelemetryCapture capture) throws Exception {
    traffic(capture);
    SpanData otherRequest = assertThat(capture).hasSpan("GET /v1/items/{id}").span();

    assertThatThrownBy(() -> assertThat(capture).hasLog("classified item").withTraceIdOf(otherRequest))
        .hasMessageStartingWith("expected a log record \"classified item\", the trace id of \"GET /v1/items/{id}\" ("
            + otherRequest.getTraceId() + ") but found none (1 record \"classified item\", but none also the trace id")
        .hasMessageContaining("log records found:")
        .hasMessageContaining("INFO \"classified item\" logger=com.example.catalog.Catalog trace=")
        .hasMessageContaining("category=electronics");
    assertThatThrownBy(() -> assertThat(capture).hasLog("classified item").withAttribute("category", "books"))
        .hasMessageContaining("category=electronics");
  }

  @Test
  void scrapeNamesTheSeriesAskedForAndTheSeriesOfThatMetric(TelemetryCapture capture) throws Exception {
    traffic(capture);

    assertThatThrownBy(() -> assertThat(capture).scrape()
        .containsSeries("scanium_http_requests_total", Map.of("route", "/v1/items/1")))
        .hasMessageContaining("expected the scrape to contain a series "
            + "scanium_http_requests_total{route=\"/v1/items/1\"}"
            + " but it does not")
        .hasMessageContaining(FOUND_200);
    assertThatThrownBy(() -> assertThat(capture).scrape()
        .doesNotContainSeries("scanium_http_requests_total", Map.of("status_code", "404")))
        .hasMessageContaining("expected the scrape not to contain a series scanium_http_requests_total"
            + "{status_code=\"404\"} but found:")
        .hasMessageContaining(FOUND_404);
    assertThatThrownBy(() -> assertThat(capture).scrape().containsMetric("openai_requests_total"))
        .hasMessageContaining("no sample is named openai_requests_total; metric names found: ")
        .hasMessageContaining("scanium_http_requests_total");
  }

  @Test
  void aDescriptionPrefixesTheMessage(TelemetryCapture capture) {
    assertThatThrownBy(() -> assertThat(capture).as("after checkout").httpRequests().hasCount(1))
        .hasMessageStartingWith("[after checkout] expected scanium_http_requests_total to be 1 but was 0");
    assertThatThrownBy(() -> assertThat(capture).hasNoSpans().hasSpan("checkout"))
        .hasMessageContaining("expected a span named \"checkout\" but found none (waited up to 200 ms); spans "
            + "found: none");
  }
}
