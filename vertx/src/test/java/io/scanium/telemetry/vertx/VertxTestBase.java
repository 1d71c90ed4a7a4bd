package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.TestEnvironment;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real OTLP receiver, a real telemetry instance and a real Vert.x per test, all on 127.0.0.1. */
abstract class VertxTestBase {

  static final String SERVICE = "vertx-service";
  static final String ENVIRONMENT = "test";

  protected OtlpReceiver receiver;
  protected ScaniumTelemetry telemetry;
  protected ScaniumVertxTelemetry vertxTelemetry;
  protected Vertx vertx;
  protected final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void startTelemetry() {
    receiver = OtlpReceiver.start();
    Map<String, String> env = TestEnvironment.exportingTo(receiver.endpoint(), SERVICE, ENVIRONMENT);
    telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
    vertxTelemetry = ScaniumVertxTelemetry.create(telemetry);
    vertx = createVertx();
  }

  /** The test's Vert.x, by default {@code Vertx.vertx(vertxOptions())}. */
  protected Vertx createVertx() {
    return Vertx.vertx(vertxOptions());
  }

  /** The Vert.x options of the test's Vert.x; by default with the module's tracing options. */
  protected VertxOptions vertxOptions() {
    return new VertxOptions().setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry));
  }

  @AfterEach
  void stopTelemetry() throws Exception {
    try {
      Await.result(vertx.close());
    } finally {
      telemetry.close();
      receiver.close();
    }
  }

  /** Starts an HTTP server on 127.0.0.1 and an ephemeral port; returns its base URI. */
  protected URI serve(Handler<HttpServerRequest> handler) throws Exception {
    HttpServer server = Await.result(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  protected HttpResponse<String> get(URI base, String path) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  protected Scrape scrape() {
    return Scrape.of(telemetry.registry());
  }

  protected double requests(String method, String route, String status) {
    return scrape().value("scanium_http_requests_total", Map.of("method", method, "route", route,
        "status_code", status, "service_name", SERVICE, "deployment_environment", ENVIRONMENT));
  }

  /**
   * Asserts that exactly {@code expected} requests were recorded with these labels, polling first: Vert.x ends a
   * request from the response's end handler, which may run just after the client has its response.
   */
  protected void assertRequests(String method, String route, String status, int expected) throws Exception {
    Await.until(() -> requests(method, route, status) >= expected);
    assertThat(requests(method, route, status))
        .as("scanium_http_requests_total{method=%s,route=%s,status_code=%s}; recorded:\n%s", method, route, status,
            String.join("\n", scrape().withPrefix("scanium_http_requests_total").keySet()))
        .isEqualTo(expected);
  }

  protected ReceivedSpan awaitSpan(Predicate<? super ReceivedSpan> filter) {
    return receiver.awaitSpan(filter, Await.TIMEOUT);
  }
}
