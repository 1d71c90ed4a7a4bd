package io.scanium.telemetry.spring.boot.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One Spring MVC application, started once per class with the starter and environment variables only (its service
 * name comes from its {@code application.properties}), checked for metrics, spans and logs. Each test uses paths
 * of its own, so the tests share the application without seeing each other's requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BootMvcApplicationTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String SERVICE = "boot-mvc-app";

  OtlpReceiver receiver;
  BootApp app;
  int scrapePort;

  /** The application module, e.g. {@code boot3-mvc-tomcat}. */
  abstract String application();

  /** Variables beyond the endpoint and the scrape port. */
  Map<String, String> environment() {
    return Map.of();
  }

  @BeforeAll
  void startApplication() throws Exception {
    receiver = OtlpReceiver.start();
    scrapePort = FreePort.pick();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=boot-test");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
    env.put("OTEL_BLRP_SCHEDULE_DELAY", "20");
    env.put("SCANIUM_METRICS_PORT", Integer.toString(scrapePort));
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    env.putAll(environment());
    app = BootApp.start(application(), env);
  }

  @AfterAll
  void stopApplication() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      receiver.close();
    }
  }

  @Test
  void startupReportNamesSpringEnvironmentAsTheSourceOfTheServiceName() {
    assertThat(app.output()).as("startup report of %s", app.name())
        .contains("[scanium-telemetry] Scanium Telemetry Bridge")
        .contains("service:    " + SERVICE + "  <- otel.service.name=" + SERVICE
            + " (application.properties via Spring Environment)")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT=" + receiver.endpoint() + " (environment variable)")
        .contains("scrape http://127.0.0.1:" + scrapePort + "/metrics");
  }

  @Test
  void patternRoutesStatusesAndUnmatchedRequestsAreSeries() throws Exception {
    assertThat(app.get("/contract/items/41").statusCode()).isEqualTo(200);
    assertThat(app.get("/contract/items/42").statusCode()).isEqualTo(200);
    assertThat(app.get("/contract/client-error").statusCode()).isEqualTo(400);
    assertThat(app.get("/contract/server-error").statusCode()).isEqualTo(503);
    assertThat(app.get("/contract/exception").statusCode()).isEqualTo(500);
    assertThat(app.get("/no/such/page/77").statusCode()).isEqualTo(404);

    awaitRequests("/contract/items/{id}", "200", 2);
    awaitRequests("/contract/client-error", "400", 1);
    awaitRequests("/contract/server-error", "503", 1);
    awaitRequests("/contract/exception", "500", 1);
    awaitRequests("__unmatched__", "404", 1);
    Scrape scrape = scrape();
    assertThat(scrape.labelValues("scanium_http_requests_total", "route"))
        .as("route label values (Spring's static-resource pattern /** must not be one)")
        .doesNotContain("/**", "/error").noneMatch(r -> r.contains("77"));
  }

  @Test
  void exceptionIsRecordedOnTheSpanWithItsOwnType() throws Exception {
    assertThat(app.get("/contract/exception").statusCode()).isEqualTo(500);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /contract/exception"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("500");
    assertThat(span.attribute("error.type")).as("error.type: the status the client received").isEqualTo("500");
    assertThat(span.span().getEventsList()).as("exception event of GET /contract/exception")
        .anySatisfy(e -> assertThat(OtlpReceiver.attribute(e.getAttributesList(), "exception.type"))
            .isEqualTo(IllegalStateException.class.getName()));
  }

  @Test
  void handledExceptionIsRecordedWithTheStatusTheHandlerAnswered() throws Exception {
    HttpResponse<String> response = app.get("/shop/handled");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("handled recovered");
    awaitRequests("/shop/handled", "200", 1);
    assertThat(scrape().value("scanium_http_requests_total", Map.of("route", "/shop/handled", "status_code", "500")))
        .as("scanium_http_requests_total{route=/shop/handled,status_code=500}").isZero();
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /shop/handled"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("200");
  }

  @Test
  void asyncRequestIsRecordedOnceWhenItCompletes() throws Exception {
    String traceId = "5b8efff798038103d269b633813fc60c";
    HttpResponse<String> response = app.get(app.base().resolve("/shop/async/3"),
        Map.of("traceparent", "00-" + traceId + "-eee19b7ec3c1b174-01"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("async 3");
    awaitRequests("/shop/async/{id}", "200", 1);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.inTrace(traceId), WAIT);
    assertThat(span.name()).isEqualTo("GET /shop/async/{id}");
    assertThat(span.attribute("http.response.status_code")).isEqualTo("200");
  }

  @Test
  void oneServerSpanPerRequestContinuesTraceparent() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    String parent = "b7ad6b7169203331";
    HttpResponse<String> response = app.get(app.base().resolve("/contract/ok"),
        Map.of("traceparent", "00-" + traceId + "-" + parent + "-01"));
    assertThat(response.body()).as("trace id current in the controller").isEqualTo(traceId);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.inTrace(traceId), WAIT);
    assertThat(span.name()).isEqualTo("GET /contract/ok");
    assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.parentSpanIdHex()).isEqualTo(parent);
    assertThat(span.attribute("http.route")).isEqualTo("/contract/ok");
    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);
    // Another request's span arriving proves the exporter has flushed past this trace's batch.
    app.get("/contract/items/flush");
    receiver.awaitSpan(ReceivedSpan.named("GET /contract/items/{id}"), WAIT);
    assertThat(receiver.spans()).filteredOn(s -> s.traceIdHex().equals(traceId))
        .as("SERVER spans in trace %s", traceId)
        .filteredOn(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER).hasSize(1);
  }

  @Test
  void errorLogWithExceptionInsideARequestAnswersAndCarriesTheTraceId() throws Exception {
    HttpResponse<String> response = app.get("/shop/orders/9");
    assertThat(response.statusCode()).as("log.error(msg, e) inside the request must not break it").isEqualTo(200);
    String traceId = response.body();
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody("order 9 failed to load"), WAIT);
    assertThat(log.traceIdHex()).as("trace id of the log record").isEqualTo(traceId);
    assertThat(log.attribute("exception.type")).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(log.resourceAttribute("service.name")).isEqualTo(SERVICE);
    awaitRequests("/shop/orders/{id}", "200", 1);
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  URI scrapeUri() {
    return URI.create("http://127.0.0.1:" + scrapePort + "/metrics");
  }

  Scrape scrape() throws Exception {
    return Scrape.of(app.get(scrapeUri(), Map.of()).body());
  }

  /**
   * Polls the child's scrape endpoint until the series reaches {@code expected}, then asserts it exactly; with 0,
   * waits for the series to exist, whatever its count.
   */
  void awaitRequests(String route, String status, int expected) throws Exception {
    Map<String, String> labels = Map.of("route", route, "status_code", status, "method", "GET",
        "service_name", SERVICE, "deployment_environment", "boot-test");
    long deadline = System.nanoTime() + WAIT.toNanos();
    Scrape scrape = scrape();
    int least = Math.max(expected, 1);
    while (scrape.value("scanium_http_requests_total", labels) < least && System.nanoTime() < deadline) {
      Thread.sleep(20);
      scrape = scrape();
    }
    List<String> found = List.copyOf(scrape.withPrefix("scanium_http_requests_total").keySet());
    double value = scrape.value("scanium_http_requests_total", labels);
    String description = "scanium_http_requests_total" + labels + "; series found:\n" + String.join("\n", found);
    if (expected == 0) {
      assertThat(value).as(description).isGreaterThanOrEqualTo(1);
    } else {
      assertThat(value).as(description).isEqualTo(expected);
    }
  }
}
