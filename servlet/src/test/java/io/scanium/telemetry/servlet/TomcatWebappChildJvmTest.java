package io.scanium.telemetry.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.ChildJvm;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drop-in path exactly as a deployment has it: a child JVM whose only configuration is its environment
 * variables, running a Tomcat web application ({@link TomcatWebappMain}) in which Tomcat itself discovers the
 * initializer. Nothing in the application mentions telemetry.
 */
class TomcatWebappChildJvmTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final OtlpReceiver receiver = OtlpReceiver.start();
  private ChildJvm child;

  @AfterEach
  void stop() throws Exception {
    try {
      if (child != null) {
        child.close();
      }
    } finally {
      receiver.close();
    }
  }

  @Test
  void environmentVariablesAloneGiveMetricsAndSpans() throws Exception {
    int scrapePort = freePort();
    start(Map.of(
        "OTEL_SERVICE_NAME", "webapp-from-env",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "20",
        "SCANIUM_METRICS_PORT", Integer.toString(scrapePort),
        "SCANIUM_METRICS_HOST", "127.0.0.1",
        "SCANIUM_JVM_METRICS", "false"));
    assertThat(awaitLine("STATE ")).isEqualTo("STATE STARTED");
    assertThat(awaitLine("FILTERS ")).isEqualTo("FILTERS [" + ScaniumServletTelemetry.FILTER_NAME + "]");
    assertThat(awaitLine("INSTALLED ")).isEqualTo("INSTALLED true");
    URI base = URI.create("http://127.0.0.1:" + awaitLine("PORT ").substring(5) + "/");

    HttpResponse<String> response = get(base.resolve("hello"));

    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /hello"), WAIT);
    assertThat(span.traceIdHex()).isEqualTo(response.body());
    assertThat(span.resourceAttribute("service.name")).isEqualTo("webapp-from-env");
    URI scrape = URI.create("http://127.0.0.1:" + scrapePort + "/metrics");
    Map<String, String> labels = Map.of("route", "/hello", "status_code", "200", "service_name", "webapp-from-env");
    long deadline = System.nanoTime() + WAIT.toNanos();
    double count = 0;
    while (count < 1 && System.nanoTime() < deadline) {
      count = Scrape.of(get(scrape).body()).value("scanium_http_requests_total", labels);
      if (count < 1) {
        Thread.sleep(10);
      }
    }
    assertThat(count).as("scanium_http_requests_total%s on the dedicated scrape port", labels).isEqualTo(1);

    child.closeInput();
    assertThat(child.waitFor(WAIT)).as("child stops when stdin closes").isTrue();
    assertThat(child.exitValue()).isZero();
    assertThat(awaitLine("STOPPED ")).as("telemetry closed when the web application stopped")
        .isEqualTo("STOPPED INSTALLED false");
  }

  @Test
  void variableTurnsAutoRegistrationOff() throws Exception {
    // No endpoint: an install would fail the deployment, so STARTED proves the initializer did not try.
    start(Map.of("OTEL_SERVICE_NAME", "not-instrumented", "SCANIUM_SERVLET_AUTO_REGISTER", "false"));
    assertThat(awaitLine("STATE ")).isEqualTo("STATE STARTED");
    assertThat(awaitLine("FILTERS ")).isEqualTo("FILTERS []");
    assertThat(awaitLine("INSTALLED ")).isEqualTo("INSTALLED false");
    URI base = URI.create("http://127.0.0.1:" + awaitLine("PORT ").substring(5) + "/");
    assertThat(get(base.resolve("hello")).statusCode()).isEqualTo(200);
  }

  @Test
  void missingEndpointFailsTheDeploymentWithTheValidationMessage() throws Exception {
    start(Map.of("OTEL_SERVICE_NAME", "no-endpoint"));
    assertThat(awaitLine("STATE ")).isEqualTo("STATE FAILED");
    assertThat(awaitLine("INSTALLED ")).isEqualTo("INSTALLED false");
    child.closeInput();
    assertThat(child.waitFor(WAIT)).isTrue();
    String all = child.output();
    assertThat(all).contains("Scanium telemetry is misconfigured")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT = not set")
        .contains("no OTLP endpoint for traces");
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private void start(Map<String, String> environment) throws IOException {
    // Only the variables under test: nothing of this JVM's environment may configure the child.
    child = ChildJvm.start(System.getProperty("java.class.path"), TomcatWebappMain.class.getName(), environment);
  }

  private String awaitLine(String prefix) throws InterruptedException {
    return child.awaitLine(prefix, WAIT);
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
