package com.example.catalog;

import static io.scanium.telemetry.dashboard.DashboardAssertions.assertDashboardsMatch;
import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.dashboard.ExposedSeries;
import io.scanium.telemetry.testing.ScaniumTelemetryExtension;
import io.scanium.telemetry.testing.TelemetryCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The complete example of docs/testing.md, as a user writes it: outside the library's packages, on the public API
 * only.
 */
class CatalogTelemetryTest {

  @RegisterExtension
  static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create().withServiceName("catalog");

  private final HttpClient client = HttpClient.newHttpClient();
  private CatalogJdkServer server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    // What main() does in production, with the telemetry the extension installed for this test.
    server = CatalogJdkServer.start(ScaniumTelemetry.installed().orElseThrow());
    base = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsAreCountedByRouteTemplate(TelemetryCapture capture) throws Exception {
    for (String id : new String[] {"1", "2", "3"}) {
      assertThat(get("/v1/items/" + id).statusCode()).isEqualTo(200);
    }

    assertThat(capture).httpRequests().withMethod("GET").withRoute("/v1/items/{id}").withStatus(200).hasCount(3);
    assertThat(capture).httpDurations().withRoute("/v1/items/{id}").hasCount(3).hasSumGreaterThan(0);
    assertThat(capture).scrape()
        .containsSeries("scanium_http_requests_total", Map.of("route", "/v1/items/{id}", "service_name", "catalog"))
        .doesNotContainSeries("scanium_http_requests_total", Map.of("route", "/v1/items/1"));
  }

  @Test
  void logsOfARequestCarryItsTraceId(TelemetryCapture capture) throws Exception {
    post("/v1/classify", "a novel about telemetry");

    SpanData server = assertThat(capture).hasSpan("POST /v1/classify").isServer()
        .withAttribute("http.route", "/v1/classify")
        .withAttribute("http.response.status_code", 200)
        .span();
    assertThat(capture).hasSpan("classify").withParent(server);
    assertThat(capture).hasLog("classified item").withTraceIdOf(server).withAttribute("category", "books");
  }

  @Test
  void dashboardsQueryOnlyWhatTheServiceExports(TelemetryCapture capture) throws Exception {
    get("/v1/items/1");
    assertThat(capture).httpRequests().hasCount(1);
    // Alloy adds env and source to every series it scrapes; the dashboards filter on them.
    assertDashboardsMatch(ExposedSeries.fromRegistry(capture.registry()).withTargetLabels("env", "source"),
        Path.of("src/test/resources/dashboards/passing/backend-api-performance.json"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
