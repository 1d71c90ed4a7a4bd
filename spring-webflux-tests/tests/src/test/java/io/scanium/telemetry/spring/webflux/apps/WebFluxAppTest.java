package io.scanium.telemetry.spring.webflux.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Spring Boot WebFlux application (../app, Reactor Netty) with nothing but {@code scanium-telemetry-spring-webflux}
 * added, built by the reactor with Boot's own managed versions and started once per Boot line in a child JVM,
 * configured by environment variables only. Each test uses endpoints of its own, so that they share the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebFluxAppTest {

  static final String SERVICE = "contract-service";
  static final String ENVIRONMENT = "contract";
  static final Duration WAIT = Duration.ofSeconds(30);

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  OtlpReceiver receiver;
  BootApp app;
  URI base;
  URI scrapeUri;

  /** The repackaged application jar of this Boot line. */
  abstract Path jar();

  /** Variables of this variant beside the telemetry's. */
  Map<String, String> extraEnvironment() {
    return Map.of();
  }

  @BeforeAll
  void startApplication() throws Exception {
    receiver = OtlpReceiver.start();
    int port = FreePort.pick();
    int scrapePort = FreePort.pick();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", SERVICE);
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=" + ENVIRONMENT);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
    env.put("OTEL_BLRP_SCHEDULE_DELAY", "20");
    env.put("SCANIUM_METRICS_PORT", Integer.toString(scrapePort));
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.putAll(extraEnvironment());
    app = BootApp.start(jar(), env);
    app.awaitLine("Started WebFluxApp", Duration.ofSeconds(90));
    base = URI.create("http://127.0.0.1:" + port);
    scrapeUri = URI.create("http://127.0.0.1:" + scrapePort + "/metrics");
  }

  @AfterAll
  void stopApplication() throws Exception {
    try {
      if (app != null) {
        app.close();
        // In the module's surefire report: the application's own output, startup report included.
        System.out.println(app.output());
      }
    } finally {
      receiver.close();
    }
  }

  @Test
  void patternRouteAndOneServerSpanContinuingTraceparent() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    HttpResponse<String> response = get("/contract/items/42", Map.of("traceparent", "00-" + traceId + "-" + parentId
        + "-01"));
    assertThat(response.body()).isEqualTo("42");

    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.inTrace(traceId), WAIT);
    assertThat(span.name()).isEqualTo("GET /contract/items/{id}");
    assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.parentSpanIdHex()).isEqualTo(parentId);
    assertThat(span.attribute("http.route")).isEqualTo("/contract/items/{id}");
    assertThat(span.attribute("url.path")).isEqualTo("/contract/items/42");
    assertThat(span.attribute("network.protocol.version")).isEqualTo("1.1");
    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);
    awaitRequests("/contract/items/{id}", "200", 1);
    assertThat(receiver.spans()).as("SERVER spans of trace %s", traceId)
        .filteredOn(s -> s.traceIdHex().equals(traceId)).hasSize(1);
  }

  @Test
  void contractEndpointsGiveTheSeriesOfEveryAdapter() throws Exception {
    assertThat(get("/contract/ok", Map.of()).statusCode()).isEqualTo(200);
    assertThat(get("/contract/items/7", Map.of()).statusCode()).isEqualTo(200);
    assertThat(get("/contract/client-error", Map.of()).statusCode()).isEqualTo(400);
    assertThat(get("/contract/server-error", Map.of()).statusCode()).isEqualTo(503);
    assertThat(get("/contract/exception", Map.of()).statusCode()).isEqualTo(500);
    assertThat(get("/contract/nothing-here/42", Map.of()).statusCode()).isEqualTo(404);

    awaitRequests("/contract/ok", "200", 1);
    awaitRequests("/contract/client-error", "400", 1);
    awaitRequests("/contract/server-error", "503", 1);
    awaitRequests("/contract/exception", "500", 1);
    awaitRequests("__unmatched__", "404", 1);
    Scrape scrape = scrape();
    String labels = "deployment_environment=\"contract\",method=\"GET\",route=\"%s\",service_name=\"contract-service\","
        + "status_code=\"%s\"";
    assertThat(scrape.withPrefix("scanium_http_requests_total").keySet())
        .as("scanium_http_requests_total series of the contract endpoints")
        .filteredOn(k -> k.contains("route=\"/contract") || k.contains("route=\"__unmatched__\""))
        .containsExactlyInAnyOrder(
            "scanium_http_requests_total{" + String.format(labels, "/contract/ok", "200") + "}",
            "scanium_http_requests_total{" + String.format(labels, "/contract/items/{id}", "200") + "}",
            "scanium_http_requests_total{" + String.format(labels, "/contract/client-error", "400") + "}",
            "scanium_http_requests_total{" + String.format(labels, "/contract/server-error", "503") + "}",
            "scanium_http_requests_total{" + String.format(labels, "/contract/exception", "500") + "}",
            "scanium_http_requests_total{" + String.format(labels, "__unmatched__", "404") + "}");
    assertThat(scrape.text()).as("no raw path may become a label value").doesNotContain("nothing-here");

    ReceivedSpan exception = receiver.awaitSpan(ReceivedSpan.named("GET /contract/exception"), WAIT);
    assertThat(exception.attribute("http.response.status_code")).isEqualTo("500");
    assertThat(exception.attribute("error.type")).as("error.type: the status the client received").isEqualTo("500");
    assertThat(exception.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(exception.span().getEventsList()).as("exception events of GET /contract/exception")
        .filteredOn(e -> e.getName().equals("exception")).hasSize(1);
    ReceivedLog errorLog = receiver.awaitLog(l -> l.body()
        .contains("500 Server Error for HTTP GET \"/contract/exception\""),
        WAIT);
    assertThat(errorLog.traceIdHex()).as("trace id of Boot's error log for GET /contract/exception")
        .isEqualTo(exception.traceIdHex());
    ReceivedSpan clientError = receiver.awaitSpan(ReceivedSpan.named("GET /contract/client-error"), WAIT);
    assertThat(clientError.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    ReceivedSpan unmatched = receiver.awaitSpan(s -> "/contract/nothing-here/42".equals(s.attribute("url.path")),
        WAIT);
    assertThat(unmatched.name()).isEqualTo("GET");
    assertThat(unmatched.attribute("http.route")).as("http.route of an unmatched request").isNull();
    assertThat(unmatched.attribute("http.response.status_code")).isEqualTo("404");
    assertThat(unmatched.attribute("error.type")).as("a 404 is not the server's error").isNull();
  }

  @Test
  void spanStaysCurrentAcrossThreadHopsAndLogsCarryIt() throws Exception {
    HttpResponse<String> response = get("/hops/m1", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedSpan span = receiver.awaitSpan(s -> "/hops/m1".equals(s.attribute("url.path")), WAIT);
    assertThat(span.name()).isEqualTo("GET /hops/{marker}");
    assertThat(response.body()).as("trace id current after subscribeOn, publishOn and delayElement")
        .isEqualTo(span.traceIdHex());
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody("after hops m1"), WAIT);
    assertThat(log.traceIdHex()).as("trace id of the log written after the hops").isEqualTo(span.traceIdHex());
    assertThat(log.spanIdHex()).as("span id of the log written after the hops").isEqualTo(span.spanIdHex());
  }

  @Test
  void spanStaysCurrentAfterWebClientCall() throws Exception {
    HttpResponse<String> response = get("/client/31", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedSpan span = receiver.awaitSpan(s -> "/client/31".equals(s.attribute("url.path")), WAIT);
    assertThat(response.body()).as("trace id current after the WebClient call").isEqualTo(span.traceIdHex());
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody("after client call 31"), WAIT);
    assertThat(log.traceIdHex()).as("trace id of the log written after the WebClient call")
        .isEqualTo(span.traceIdHex());
  }

  @Test
  void logErrorWithExceptionInHandlerStillAnswers() throws Exception {
    HttpResponse<String> response = get("/log-error", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("answered");
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /log-error"), WAIT);
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody("handled failure in a handler"), WAIT);
    assertThat(log.severityText()).isEqualTo("ERROR");
    assertThat(log.attribute("exception.type")).isEqualTo(IllegalStateException.class.getName());
    assertThat(log.traceIdHex()).as("trace id of the error log").isEqualTo(span.traceIdHex());
    awaitRequests("/log-error", "200", 1);
  }

  @Test
  void handledErrorIsRecordedWithTheStatusSent() throws Exception {
    assertThat(get("/handled", Map.of()).statusCode()).isEqualTo(409);
    awaitRequests("/handled", "409", 1);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /handled"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("409");
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(scrape().withPrefix("scanium_http_requests_total").keySet())
        .as("scanium_http_requests_total series of /handled")
        .filteredOn(k -> k.contains("route=\"/handled\"")).hasSize(1);
  }

  @Test
  void clientDisconnectIsRecordedOnceWith499() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /slow HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitInFlight(1);
    }
    awaitRequests("/slow", "499", 1);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /slow"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("499");
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    awaitInFlight(0);
    assertThat(scrape().withPrefix("scanium_http_requests_total").keySet())
        .as("scanium_http_requests_total series of /slow: the disconnect is recorded once")
        .filteredOn(k -> k.contains("route=\"/slow\"")).hasSize(1);
    assertThat(receiver.spans()).as("spans of GET /slow").filteredOn(s -> s.name().equals("GET /slow")).hasSize(1);
  }

  @Test
  void routerFunctionPatternIsTheRoute() throws Exception {
    HttpResponse<String> response = get("/functional/ada", Map.of());
    assertThat(response.body()).isEqualTo("hello ada");
    awaitRequests("/functional/{name}", "200", 1);
    ReceivedSpan span = receiver.awaitSpan(s -> "/functional/ada".equals(s.attribute("url.path")), WAIT);
    assertThat(span.name()).isEqualTo("GET /functional/{name}");
  }

  @Test
  void failureAfterTheResponseStartedKeepsTheStatusSentAndRecordsTheException() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/stream")).timeout(WAIT).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("status of the broken stream").isEqualTo(200);
    } catch (IOException e) {
      // The server closes the connection mid-body: the client may report the truncated body as an error.
      assertThat(e).as("client error on the truncated body").isInstanceOf(IOException.class);
    }
    awaitRequests("/stream", "200", 1);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /stream"), WAIT);
    assertThat(span.attribute("error.type")).isEqualTo(IllegalStateException.class.getName());
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).GET();
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  Scrape scrape() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(scrapeUri).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("scrape of %s", scrapeUri).isEqualTo(200);
    return Scrape.of(r.body());
  }

  /** Polls the scrape until the in-flight gauge of GET requests is {@code expected}. */
  void awaitInFlight(int expected) throws Exception {
    Map<String, String> labels = Map.of("method", "GET");
    long deadline = System.nanoTime() + WAIT.toNanos();
    Scrape s = scrape();
    while (s.value("scanium_http_requests_in_flight", labels) != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      s = scrape();
    }
    assertThat(s.value("scanium_http_requests_in_flight", labels)).as("scanium_http_requests_in_flight%s", labels)
        .isEqualTo(expected);
  }

  /** Polls the scrape until the counter of the series reaches {@code expected}; asserts it is exactly that. */
  void awaitRequests(String route, String status, int expected) throws Exception {
    Map<String, String> labels = Map.of("method", "GET", "route", route, "status_code", status,
        "service_name", SERVICE, "deployment_environment", ENVIRONMENT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    Scrape s = scrape();
    while (s.value("scanium_http_requests_total", labels) < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      s = scrape();
    }
    assertThat(s.value("scanium_http_requests_total", labels))
        .as("scanium_http_requests_total%s; series found:\n%s", labels,
            String.join("\n", s.withPrefix("scanium_http_requests_total").keySet()))
        .isEqualTo(expected);
    assertThat(s.value("scanium_http_request_duration_ms_count", labels))
        .as("scanium_http_request_duration_ms_count%s", labels).isEqualTo(expected);
  }
}
