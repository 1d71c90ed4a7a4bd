package io.scanium.telemetry.testing;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.catalog.CatalogJdkServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.prometheus.metrics.core.metrics.Counter;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ways to register and configure the extension. */
class ExtensionConfigurationTest {

  /** {@code @ExtendWith} and the defaults. */
  @Nested
  @ExtendWith(ScaniumTelemetryExtension.class)
  class Defaults {

    @Test
    void installsGloballyWithTheTestDefaults(ScaniumTelemetry installed, TelemetryCapture capture) {
      assertThat(ScaniumTelemetry.installed()).containsSame(installed);
      assertThat(GlobalState.globalOpenTelemetryIsSet()).isTrue();
      assertThat(installed.serviceName()).isEqualTo("test-service");
      assertThat(installed.deploymentEnvironment()).isEqualTo("test");
      assertThat(installed.scrapeUri()).isEmpty();

      Span span = GlobalOpenTelemetry.getTracer("test").spanBuilder("work").startSpan();
      span.end();
      assertThat(capture).hasSpan("work").isRoot();
      assertThat(capture.scrape().metricNames()).as("no JVM metrics by default")
          .noneMatch(name -> name.startsWith("jvm_"));
    }

    @Test
    void metricsAndSpansOfTheApplicationsOwnAreCapturedToo(ScaniumTelemetry installed, TelemetryCapture capture) {
      Counter orders = Counter.builder().name("shop_orders").labelNames("kind").register(installed.registry());
      orders.labelValues("book").inc(2);
      Span checkout = installed.openTelemetry().getTracer("shop").spanBuilder("checkout").startSpan();
      Span payment = installed.openTelemetry().getTracer("shop").spanBuilder("payment")
          .setParent(Context.root().with(checkout)).startSpan();
      payment.setStatus(StatusCode.ERROR);
      payment.end();
      checkout.end();

      assertThat(capture).metric("shop_orders_total").withLabel("kind", "book").hasValue(2).hasValueGreaterThan(1);
      SpanData parent = assertThat(capture).hasSpan("checkout").isRoot().hasStatus(StatusCode.UNSET).span();
      assertThat(capture).hasSpan("payment").inTraceOf(parent).withParent(parent).hasStatus(StatusCode.ERROR);
    }

    @Test
    void theEnvironmentOfTheProcessIsNotRead() {
      assertThat(new ScaniumTelemetryExtension().environment())
          .containsEntry("OTEL_TRACES_EXPORTER", "none")
          .containsEntry("OTEL_LOGS_EXPORTER", "none")
          .containsEntry("SCANIUM_METRICS_PORT", "off")
          .doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
    }
  }

  /** Overrides, and export over the wire to the re-exported OTLP receiver, beside the in-memory capture. */
  @Nested
  class ExportingToAReceiver {

    private static final OtlpReceiver RECEIVER = OtlpReceiver.start();

    @RegisterExtension
    final ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create()
        .withServiceName("catalog")
        .withEnvironment(Map.of(
            "OTEL_TRACES_EXPORTER", "otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT", RECEIVER.endpoint(),
            "OTEL_BSP_SCHEDULE_DELAY", "20"));

    @AfterAll
    static void stopReceiver() {
      RECEIVER.close();
    }

    @Test
    void spansAreCapturedAndExported(TelemetryCapture capture) throws Exception {
      try (CatalogJdkServer server = CatalogJdkServer.start(capture.telemetry())) {
        Http.get(URI.create("http://127.0.0.1:" + server.port() + "/v1/items/5"));
      }
      String traceId = assertThat(capture).hasSpan("GET /v1/items/{id}").span().getTraceId();
      ReceivedSpan received = RECEIVER.awaitSpan(ReceivedSpan.named("GET /v1/items/{id}"), Duration.ofSeconds(10));
      assertThat(received.traceIdHex()).isEqualTo(traceId);
      assertThat(received.resourceAttribute("service.name")).isEqualTo("catalog");
      assertThat(capture).httpRequests().withLabel("service_name", "catalog").hasCount(1);
    }
  }

  /** The real scrape endpoint, scraped over HTTP. */
  @Nested
  class ScrapePort {

    @RegisterExtension
    final ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create().withScrapePort();

    @Test
    void servesTheRegistryOnTheLoopbackInterface(TelemetryCapture capture) throws Exception {
      try (CatalogJdkServer server = CatalogJdkServer.start(telemetry.telemetry())) {
        Http.get(URI.create("http://127.0.0.1:" + server.port() + "/v1/items/5"));
      }
      assertThat(capture).httpRequests().hasCount(1);
      assertThat(capture.scrapeUri().getHost()).isEqualTo("127.0.0.1");
      ScrapeText scraped = capture.scrapeEndpoint();
      assertThat(scraped).containsSeries("scanium_http_requests_total",
          Map.of("method", "GET", "route", "/v1/items/{id}", "status_code", "200"));
      assertThat(scraped.value("scanium_http_requests_total", Map.of("route", "/v1/items/{id}"))).isEqualTo(1.0);
    }
  }
}
