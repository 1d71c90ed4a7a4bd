package io.scanium.telemetry.http.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP-server contract every adapter must meet, so that every framework emits identical series and spans.
 * Subclasses start a real server of their framework, instrumented through the adapter exactly as an application
 * would, with these endpoints (route templates in the adapter's own syntax, e.g. {@code :id} for Vert.x):
 * <ul>
 *   <li>{@code GET /contract/ok}: 200, body = the trace id of {@code Span.current()} while handling;</li>
 *   <li>{@code GET /contract/client-error}: 400;</li>
 *   <li>{@code GET /contract/server-error}: 503 (a status, no exception);</li>
 *   <li>{@code GET /contract/exception}: the handler throws {@code IllegalStateException("contract failure")};
 *       the framework (or the adapter) answers 500;</li>
 *   <li>{@code GET /contract/items/{id}}: 200, body = the id;</li>
 *   <li>anything else: 404 from the framework, matching no route.</li>
 * </ul>
 */
public abstract class HttpServerContractTest {

  protected static final String SERVICE = "contract-service";
  protected static final String ENVIRONMENT = "contract";
  protected static final String FAILURE_MESSAGE = "contract failure";
  private static final Duration WAIT = Duration.ofSeconds(20);

  protected OtlpReceiver receiver;
  protected ScaniumTelemetry telemetry;
  protected URI base;
  protected final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Starts the framework's server on 127.0.0.1 with the contract endpoints; returns its base URI. */
  protected abstract URI startServer(ScaniumTelemetry telemetry) throws Exception;

  /** Stops the server started by {@link #startServer}. */
  protected abstract void stopServer() throws Exception;

  /** Variables for the telemetry under test; subclasses may add to them. */
  protected Map<String, String> environment() {
    return TestEnvironment.exportingTo(receiver.endpoint(), SERVICE, ENVIRONMENT);
  }

  @BeforeEach
  void startContract() throws Exception {
    receiver = OtlpReceiver.start();
    telemetry = ScaniumTelemetry.builder().environment(environment()).shutdownHook(false).build();
    base = startServer(telemetry);
  }

  @AfterEach
  void stopContract() throws Exception {
    try {
      stopServer();
    } finally {
      telemetry.close();
      receiver.close();
    }
  }

  @Test
  void success() throws Exception {
    HttpResponse<String> response = get("/contract/ok", Map.of());
    assertThat(response.statusCode()).isEqualTo(200);

    ReceivedSpan span = awaitServerSpan("GET /contract/ok");
    assertThat(response.body()).as("trace id current in the handler").isEqualTo(span.traceIdHex());
    assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.attribute("http.request.method")).isEqualTo("GET");
    assertThat(span.attribute("http.route")).isEqualTo("/contract/ok");
    assertThat(span.attribute("http.response.status_code")).isEqualTo("200");
    assertThat(span.attribute("url.path")).isEqualTo("/contract/ok");
    assertThat(span.attribute("url.scheme")).isEqualTo("http");
    assertThat(span.attribute("server.address")).isIn("127.0.0.1", "localhost");
    assertThat(span.attribute("server.port")).isEqualTo(Integer.toString(base.getPort()));
    assertThat(span.attribute("client.address")).isEqualTo("127.0.0.1");
    assertThat(span.attribute("user_agent.original")).isEqualTo("contract-client/1.0");
    assertThat(span.attribute("network.protocol.version")).isEqualTo("1.1");
    assertThat(span.attribute("error.type")).isNull();
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(span.resourceAttribute("service.name")).isEqualTo(SERVICE);

    assertRequests("GET", "/contract/ok", "200", 1);
    assertThat(scrape().value("scanium_http_requests_in_flight", Map.of("method", "GET")))
        .as("in-flight gauge after the request\n%s", scrapeText()).isZero();
  }

  @Test
  void clientError() throws Exception {
    assertThat(get("/contract/client-error", Map.of()).statusCode()).isEqualTo(400);
    ReceivedSpan span = awaitServerSpan("GET /contract/client-error");
    assertThat(span.attribute("http.response.status_code")).isEqualTo("400");
    assertThat(span.span().getStatus().getCode()).as("4xx is the client's error, not the server's")
        .isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertRequests("GET", "/contract/client-error", "400", 1);
  }

  @Test
  void serverErrorStatus() throws Exception {
    assertThat(get("/contract/server-error", Map.of()).statusCode()).isEqualTo(503);
    ReceivedSpan span = awaitServerSpan("GET /contract/server-error");
    assertThat(span.attribute("http.response.status_code")).isEqualTo("503");
    assertThat(span.attribute("error.type")).isEqualTo("503");
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertRequests("GET", "/contract/server-error", "503", 1);
  }

  @Test
  void exception() throws Exception {
    assertThat(get("/contract/exception", Map.of()).statusCode()).isEqualTo(500);
    ReceivedSpan span = awaitServerSpan("GET /contract/exception");
    assertThat(span.attribute("http.response.status_code")).isEqualTo("500");
    assertThat(span.attribute("error.type")).as("error.type: the status the client received, as the conventions ask")
        .isEqualTo("500");
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(span.span().getEventsList()).as("exception event").anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("exception");
      assertThat(OtlpReceiver.attribute(e.getAttributesList(), "exception.type"))
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(OtlpReceiver.attribute(e.getAttributesList(), "exception.message")).isEqualTo(FAILURE_MESSAGE);
    });
    assertRequests("GET", "/contract/exception", "500", 1);
  }

  @Test
  void notFound() throws Exception {
    assertThat(get("/contract/nothing-here/42", Map.of()).statusCode()).isEqualTo(404);
    ReceivedSpan span = awaitServerSpan("GET");
    assertThat(span.attribute("http.route")).isNull();
    assertThat(span.attribute("http.response.status_code")).isEqualTo("404");
    assertRequests("GET", "__unmatched__", "404", 1);
    assertThat(scrapeText()).as("no raw path may become a label value").doesNotContain("nothing-here");
  }

  /**
   * One rule on every adapter: a path under a route template's prefix that the template does not match is
   * unmatched, even where the framework dispatched it by prefix (a servlet mapped to {@code /contract/items/*}).
   */
  @Test
  void aPathUnderARouteThatMatchesNoTemplateIsUnmatched() throws Exception {
    assertThat(get("/contract/items/1/x", Map.of()).statusCode()).isEqualTo(404);
    ReceivedSpan span = awaitServerSpan("GET");
    assertThat(span.attribute("http.route")).as("http.route of GET /contract/items/1/x").isNull();
    assertRequests("GET", "__unmatched__", "404", 1);
    assertThat(scrapeText()).as("route label of GET /contract/items/1/x").doesNotContain("/contract/items/*")
        .doesNotContain("/contract/items/1");
  }

  @Test
  void pathParameter() throws Exception {
    assertThat(get("/contract/items/42", Map.of()).body()).isEqualTo("42");
    assertThat(get("/contract/items/43", Map.of()).statusCode()).isEqualTo(200);
    receiver.awaitSpans(ReceivedSpan.named("GET /contract/items/{id}"), 2, WAIT);
    assertThat(receiver.spans()).filteredOn(s -> s.name().equals("GET /contract/items/{id}"))
        .extracting(s -> s.attribute("url.path")).containsExactlyInAnyOrder("/contract/items/42", "/contract/items/43");
    assertThat(receiver.spans()).filteredOn(s -> s.name().equals("GET /contract/items/{id}"))
        .allSatisfy(s -> assertThat(s.attribute("http.route")).isEqualTo("/contract/items/{id}"));
    assertRequests("GET", "/contract/items/{id}", "200", 2);
    assertThat(scrape().labelValues("scanium_http_requests_total", "route"))
        .as("route values").containsExactly("/contract/items/{id}");
  }

  @Test
  void traceparentIsContinued() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    String parentId = "00f067aa0ba902b7";
    HttpResponse<String> response =
        get("/contract/ok", Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"));
    assertThat(response.body()).as("trace id current in the handler").isEqualTo(traceId);
    ReceivedSpan span = awaitServerSpan("GET /contract/ok");
    assertThat(span.traceIdHex()).isEqualTo(traceId);
    assertThat(span.parentSpanIdHex()).isEqualTo(parentId);
  }

  @Test
  void theClientBehindAProxyIsTheClientAndTheProxyThePeer() throws Exception {
    get("/contract/items/1", Map.of("Forwarded",
        "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=api.example.com:8443, for=10.0.0.9"));
    ReceivedSpan span = awaitServerSpan("GET /contract/items/{id}");
    assertThat(span.attribute("client.address")).as("client.address from Forwarded").isEqualTo("2001:db8:cafe::17");
    assertThat(span.attribute("server.address")).as("server.address from Forwarded").isEqualTo("api.example.com");
    assertThat(span.attribute("server.port")).as("server.port from Forwarded").isEqualTo("8443");
    assertThat(span.attribute("url.scheme")).as("url.scheme from Forwarded").isEqualTo("https");
    assertThat(span.attribute("network.peer.address")).as("network.peer.address: the socket peer")
        .isEqualTo("127.0.0.1");
    assertThat(span.attribute("network.peer.port")).as("network.peer.port: the socket peer's").isNotNull()
        .isNotEqualTo(span.attribute("server.port"));
  }

  @Test
  void xForwardedHeadersWithoutForwarded() throws Exception {
    get("/contract/items/2", Map.of("X-Forwarded-For", "203.0.113.7, 10.0.0.1", "X-Forwarded-Host", "shop.example",
        "X-Forwarded-Proto", "https"));
    ReceivedSpan span = awaitServerSpan("GET /contract/items/{id}");
    assertThat(span.attribute("client.address")).as("client.address from X-Forwarded-For").isEqualTo("203.0.113.7");
    assertThat(span.attribute("server.address")).as("server.address from X-Forwarded-Host").isEqualTo("shop.example");
    assertThat(span.attribute("url.scheme")).as("url.scheme from X-Forwarded-Proto").isEqualTo("https");
    assertThat(span.attribute("network.peer.address")).isEqualTo("127.0.0.1");
  }

  @Test
  void malformedTraceparentStartsNewTrace() throws Exception {
    HttpResponse<String> response = get("/contract/ok", Map.of("traceparent", "00-not-a-trace-01"));
    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedSpan span = awaitServerSpan("GET /contract/ok");
    assertThat(span.traceIdHex()).hasSize(32).isNotEqualTo("00000000000000000000000000000000");
    assertThat(span.parentSpanIdHex()).isEmpty();
  }

  @Test
  void seriesAreTheContract() throws Exception {
    get("/contract/ok", Map.of());
    get("/contract/items/7", Map.of());
    // Some frameworks record just after the client has the response: wait for both before comparing.
    assertRequests("GET", "/contract/ok", "200", 1);
    assertRequests("GET", "/contract/items/{id}", "200", 1);
    Map<String, Double> series = scrape().withPrefix("scanium_http_requests_total");
    assertThat(series.keySet()).as("scanium_http_requests_total series").containsExactlyInAnyOrder(
        "scanium_http_requests_total{deployment_environment=\"contract\",method=\"GET\",route=\"/contract/items/{id}\","
            + "service_name=\"contract-service\",status_code=\"200\"}",
        "scanium_http_requests_total{deployment_environment=\"contract\",method=\"GET\",route=\"/contract/ok\","
            + "service_name=\"contract-service\",status_code=\"200\"}");
    Set<String> buckets = scrape().series("scanium_http_request_duration_ms_bucket",
        Map.of("route", "/contract/ok")).keySet();
    assertThat(buckets.stream().map(k -> Scrape.labelsOf(k).get("le")))
        .containsExactlyInAnyOrder("5.0", "10.0", "25.0", "50.0", "100.0", "250.0", "500.0", "1000.0", "2500.0",
            "5000.0", "10000.0", "+Inf");
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  protected HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
        .header("User-Agent", "contract-client/1.0").GET();
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected ReceivedSpan awaitServerSpan(String name) {
    return receiver.awaitSpan(ReceivedSpan.named(name), WAIT);
  }

  protected Scrape scrape() {
    return Scrape.of(telemetry.registry());
  }

  protected String scrapeText() {
    return Scrape.prometheusText(telemetry.registry());
  }

  /**
   * Asserts the counter and the histogram count of one series, polling briefly: some frameworks end the request
   * just after the client has read the response.
   */
  protected void assertRequests(String method, String route, String status, int expected) throws InterruptedException {
    Map<String, String> labels = Map.of("method", method, "route", route, "status_code", status,
        "service_name", SERVICE, "deployment_environment", ENVIRONMENT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (scrape().value("scanium_http_requests_total", labels) < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.sleep(5);
    }
    Scrape s = scrape();
    assertThat(s.value("scanium_http_requests_total", labels))
        .as("scanium_http_requests_total%s; series found:\n%s", labels,
            String.join("\n", s.withPrefix("scanium_http_requests_total").keySet()))
        .isEqualTo(expected);
    assertThat(s.value("scanium_http_request_duration_ms_count", labels))
        .as("scanium_http_request_duration_ms_count%s", labels).isEqualTo(expected);
  }
}
