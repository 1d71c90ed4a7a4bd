package io.scanium.telemetry.testing;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.catalog.Catalog;
import com.example.catalog.CatalogVertx;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.scanium.telemetry.ScaniumTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension with the Vert.x adapter, driven by Vert.x's own WebClient, as a Vert.x service's tests would. */
class VertxExtensionTest {

  @RegisterExtension
  static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create().withServiceName("catalog-vertx");

  private CatalogVertx app;
  private Vertx clientVertx;
  private WebClient client;

  @BeforeEach
  void start(ScaniumTelemetry installed) throws Exception {
    app = CatalogVertx.start(installed);
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      client.close();
      clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      app.close();
    }
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return client.get(app.port(), "127.0.0.1", path).send()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void countsRequestsWithTheRoutersTemplate(TelemetryCapture capture) throws Exception {
    assertThat(get("/v1/items/1").statusCode()).isEqualTo(200);
    assertThat(get("/v1/items/2").statusCode()).isEqualTo(200);
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);

    assertThat(capture).httpRequests().withMethod("GET").withRoute(Catalog.ITEM_ROUTE).withStatus(200).hasCount(2);
    assertThat(capture).httpRequests().withRoute("__unmatched__").withStatus(404).hasCount(1);
    assertThat(capture).httpDurations().withRoute(Catalog.ITEM_ROUTE).hasCount(2);
    assertThat(capture).scrape().containsSeries("scanium_http_requests_total",
        Map.of("route", Catalog.ITEM_ROUTE, "service_name", "catalog-vertx"));
    assertThat(capture).hasSpan("GET /v1/items/{id}").isServer().withAttribute("url.path", "/v1/items/2");
  }

  @Test
  void logsOfARequestCarryItsTraceId(TelemetryCapture capture) throws Exception {
    HttpResponse<Buffer> response = client.post(app.port(), "127.0.0.1", Catalog.CLASSIFY_ROUTE)
        .sendBuffer(Buffer.buffer("a phone charger")).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(response.bodyAsString()).contains("electronics");

    SpanData server = assertThat(capture).hasSpan("POST /v1/classify").isServer().span();
    assertThat(capture).hasSpan("classify").withParent(server);
    assertThat(capture).hasLog("classified item").withTraceIdOf(server).withAttribute("category", "electronics");
  }
}
