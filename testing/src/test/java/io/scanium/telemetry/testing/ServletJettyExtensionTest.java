package io.scanium.telemetry.testing;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.catalog.Catalog;
import com.example.catalog.CatalogJetty;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension with the servlet adapter on Jetty: the adapter's initializer finds the extension's telemetry through
 * {@code ScaniumTelemetry.installed()}, exactly as it finds the one a service installs in its {@code main}.
 */
@ExtendWith(ScaniumTelemetryExtension.class)
class ServletJettyExtensionTest {

  private CatalogJetty jetty;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    jetty = CatalogJetty.start();
    base = URI.create("http://127.0.0.1:" + jetty.port());
  }

  @AfterEach
  void stop() throws Exception {
    jetty.close();
  }

  @Test
  void countsRequestsWithTheRouteTheServletNames(TelemetryCapture capture) throws Exception {
    assertThat(Http.get(base.resolve("/v1/items/1")).statusCode()).isEqualTo(200);
    assertThat(Http.get(base.resolve("/v1/items/2")).statusCode()).isEqualTo(200);
    assertThat(Http.get(base.resolve("/v1/items/nope")).statusCode()).isEqualTo(404);

    assertThat(capture).httpRequests().withMethod("GET").withRoute(Catalog.ITEM_ROUTE).withStatus(200).hasCount(2);
    assertThat(capture).httpRequests().withRoute(Catalog.ITEM_ROUTE).withStatus(404).hasCount(1);
    assertThat(capture).httpDurations().withRoute(Catalog.ITEM_ROUTE).hasCount(3).hasSumGreaterThan(0);
    assertThat(capture).hasSpan("GET /v1/items/{id}").isServer().withAttribute("url.path", "/v1/items/2")
        .withAttribute("http.response.status_code", 200);
  }

  @Test
  void pathsNoServletServesAreUnmatched(TelemetryCapture capture) throws Exception {
    assertThat(Http.get(base.resolve("/.env")).statusCode()).isEqualTo(404);

    assertThat(capture).httpRequests().withRoute("__unmatched__").withStatus(404).hasCount(1);
    assertThat(capture).scrape().doesNotContainSeries("scanium_http_requests_total", Map.of("route", "/.env"));
  }

  @Test
  void logsOfARequestCarryItsTraceId(TelemetryCapture capture) throws Exception {
    assertThat(Http.post(base.resolve(Catalog.CLASSIFY_ROUTE), "a paperback book").body()).contains("books");

    SpanData server = assertThat(capture).hasSpan("POST /v1/classify").isServer()
        .withAttribute("http.route", Catalog.CLASSIFY_ROUTE).span();
    assertThat(capture).hasSpan("classify").withParent(server);
    assertThat(capture).hasLog("classified item").withTraceIdOf(server).withAttribute("category", "books");
  }
}
