package io.scanium.telemetry.testing;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.catalog.Catalog;
import com.example.catalog.CatalogJdkServer;
import io.scanium.telemetry.ScaniumTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The second test sees nothing of the first: not a span, a log record, a series, nor the first's telemetry. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetBetweenTestsTest {

  @RegisterExtension
  static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create()
      .withAwaitTimeout(Duration.ofMillis(300));

  private static ScaniumTelemetry first;

  @Test
  @Order(1)
  void firstTestRecordsEverything(ScaniumTelemetry installed, TelemetryCapture capture) throws Exception {
    first = installed;
    try (CatalogJdkServer server = CatalogJdkServer.start(installed)) {
      URI base = URI.create("http://127.0.0.1:" + server.port());
      Http.get(base.resolve("/v1/items/1"));
      Http.post(base.resolve(Catalog.CLASSIFY_ROUTE), "a book");
      assertThat(capture).httpRequests().hasCount(2);
      assertThat(capture).hasSpan("POST /v1/classify");
      assertThat(capture).hasLog("classified item");
    }
  }

  @Test
  @Order(2)
  void secondTestStartsEmpty(ScaniumTelemetry installed, TelemetryCapture capture) {
    assertThat(first).as("the first test ran first").isNotNull();
    assertThat(installed).as("a new instance per test").isNotSameAs(first);
    assertThat(first.registry()).isNotSameAs(installed.registry());
    assertThat(ScaniumTelemetry.installed()).containsSame(installed);

    assertThat(capture).hasNoSpans().hasNoLogs();
    assertThat(capture).httpRequests().hasCount(0);
    assertThat(capture).httpDurations().hasCount(0);
    assertThat(capture.scrape().series("scanium_http_requests_total", Map.of())).isEmpty();
    assertThat(capture.scrape().metricNames()).contains("scanium_telemetry_info");
  }

  @AfterAll
  static void nothingIsLeftInstalled() {
    assertThat(ScaniumTelemetry.installed()).as("closed after the last test").isEmpty();
    assertThat(GlobalState.globalOpenTelemetryIsSet()).as("GlobalOpenTelemetry is reset with it").isFalse();
  }
}
