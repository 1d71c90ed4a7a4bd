package io.scanium.telemetry.testing;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.catalog.Catalog;
import com.example.catalog.CatalogJdkServer;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scanium.telemetry.ScaniumTelemetry;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension with the JDK HttpServer adapter, used as a service's own test would use it: the server is built in
 * {@code @BeforeEach} from {@link ScaniumTelemetry#installed()}, as the service's main does in production.
 */
class JdkHttpServerExtensionTest {

  @RegisterExtension
  static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create();

  private CatalogJdkServer server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    server = CatalogJdkServer.start(ScaniumTelemetry.installed().orElseThrow());
    base = URI.create("http://127.0.0.1:" + server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void countsRequestsPerRouteTemplate(TelemetryCapture capture) throws Exception {
    for (String id : new String[] {"1", "2", "3"}) {
      assertThat(Http.get(base.resolve("/v1/items/" + id)).statusCode()).isEqualTo(200);
    }
    assertThat(Http.get(base.resolve("/v1/items/unknown")).statusCode()).isEqualTo(404);

    assertThat(capture).httpRequests().withMethod("GET").withRoute(Catalog.ITEM_ROUTE).withStatus(200).hasCount(3);
    assertThat(capture).httpRequests().withRoute(Catalog.ITEM_ROUTE).withStatus(404).hasCount(1);
    assertThat(capture).httpRequests().withMethod("GET").hasCount(4);
    assertThat(capture).httpDurations().withRoute(Catalog.ITEM_ROUTE).withStatus(200).hasCount(3)
        .hasSumGreaterThan(0).hasSumLessThan(30_000);
    assertThat(capture).httpRequestsInFlight().withMethod("GET").hasValue(0);
    assertThat(capture).scrape()
        .containsSeries("scanium_http_requests_total", Map.of("route", Catalog.ITEM_ROUTE,
            "service_name", "test-service", "deployment_environment", "test"))
        .doesNotContainSeries("scanium_http_requests_total", Map.of("route", "/v1/items/1"));
  }

  @Test
  void pathsOfNoRouteAreUnmatched(TelemetryCapture capture) throws Exception {
    assertThat(Http.get(base.resolve("/wp-admin/setup.php")).statusCode()).isEqualTo(404);

    assertThat(capture).httpRequests().withRoute("__unmatched__").withStatus(404).hasCount(1);
    assertThat(capture).hasSpan("GET").isServer().withoutAttribute("http.route")
        .withAttribute("url.path", "/wp-admin/setup.php");
  }

  @Test
  void serverSpanIsTheParentOfTheApplicationsSpansAndLogs(TelemetryCapture capture) throws Exception {
    assertThat(Http.post(base.resolve(Catalog.CLASSIFY_ROUTE), "a novel about telemetry").body())
        .contains("books");

    SpanData server = assertThat(capture).hasSpan("POST /v1/classify").isServer()
        .withAttribute("http.route", Catalog.CLASSIFY_ROUTE)
        .withAttribute("http.response.status_code", 200)
        .withAttribute("http.request.method", "POST")
        .isRoot()
        .span();
    SpanData classify = assertThat(capture).hasSpan("classify").hasKind(SpanKind.INTERNAL).withParent(server)
        .withAttribute("category", "books").span();
    assertThat(capture).hasLog("classified item").withTraceIdOf(server).withSpanIdOf(classify)
        .withAttribute("category", "books").fromLogger(Catalog.class.getName());
  }

  @Test
  void continuesTheCallersTrace(TelemetryCapture capture) throws Exception {
    SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault());
    Http.get(base.resolve("/v1/items/7"), "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    assertThat(capture).hasSpan("GET /v1/items/{id}").withParent(caller).withAttribute("url.path", "/v1/items/7");
  }

  @Test
  void clearingForgetsWarmUpSpansAndLogsButNotMetrics(TelemetryCapture capture) throws Exception {
    Http.post(base.resolve(Catalog.CLASSIFY_ROUTE), "a book");
    assertThat(capture).hasSpan("POST /v1/classify");
    assertThat(capture).hasLogContaining("classified").withSeverity(Severity.INFO);

    capture.clearSpansAndLogs();

    assertThat(capture).hasNoSpans().hasNoLogs();
    assertThat(capture).httpRequests().withRoute(Catalog.CLASSIFY_ROUTE).hasCount(1);
    Http.get(base.resolve("/v1/items/9"));
    assertThat(capture).hasSpan("GET /v1/items/{id}");
    assertThat(capture.spans()).hasSize(1);
  }

  @Test
  void theInstalledTelemetryIsTheOneTheTestReceives(ScaniumTelemetry installed, TelemetryCapture capture) {
    assertThat(ScaniumTelemetry.installed()).containsSame(installed);
    assertThat(capture.telemetry()).isSameAs(installed);
    assertThat(telemetry.telemetry()).isSameAs(installed);
    assertThat(installed.scrapePort()).as("no scrape port in tests unless asked for").isZero();
  }
}
