package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The field case behind "never break the host" on the log path: OpenTelemetry's appender 2.27.0-alpha, built against
 * a newer OpenTelemetry API, on opentelemetry-api/sdk 1.49.0 (what a Spring Boot 3.5 parent manages). Its
 * {@code LogRecordBuilder.setException(Throwable)} does not exist there, so the JVM throws {@code NoSuchMethodError}
 * from inside {@code log.error(msg, exception)}. A real JDK HttpServer with the library's filter serves requests
 * whose handler logs such an error. Each backend module runs it with the mismatched appender of its backend, and
 * passes the versions it expects as the system properties {@code expected.appender.version} and
 * {@code expected.api.version}.
 */
public abstract class MismatchedAppenderContract {

  /** OpenTelemetry's appender class of the backend under test. */
  protected abstract Class<?> appenderClass();

  /** Its artifact, as the stderr line names it, e.g. {@code opentelemetry-logback-appender-1.0}. */
  protected abstract String appenderArtifact();

  /** Where the stderr line says the error happened, e.g. {@code the Logback OpenTelemetry appender}. */
  protected abstract String appenderWords();

  /**
   * Words of the startup report when the mismatch already breaks attaching the appender at install (then nothing
   * is exported from the start, and no logging call ever reaches the appender); null when it shows only inside a
   * logging call.
   */
  protected String failureAtInstall() {
    return null;
  }

  private static final Logger LOG = LoggerFactory.getLogger("app.payments");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private OtlpReceiver receiver;
  private ScaniumTelemetry telemetry;
  private HttpServer server;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
  private PrintStream originalOut;

  @BeforeEach
  void start() throws IOException {
    receiver = OtlpReceiver.start();
    originalOut = System.out;
    System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
    Diagnostics.setOutput(new PrintStream(new Tee(System.err, diagnostics), true, StandardCharsets.UTF_8));
    telemetry = ScaniumTelemetry.builder().environment(Map.of(
        "OTEL_SERVICE_NAME", "mismatched-appender",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "50",
        "OTEL_BLRP_SCHEDULE_DELAY", "50",
        "SCANIUM_METRICS_HOST", "127.0.0.1",
        "SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()))).shutdownHook(false).build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/pay", MismatchedAppenderContract::pay).getFilters().add(
        JdkHttpServerTelemetry.builder(telemetry).routes("/pay").build().createFilter());
    server.start();
  }

  @AfterEach
  void stop() {
    try {
      server.stop(0);
      telemetry.close();
    } finally {
      Diagnostics.setOutput(null);
      System.setOut(originalOut);
      receiver.close();
    }
  }

  /** The application's handler: logs, logs an error with its exception, answers 200. */
  private static void pay(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getQuery();
    LOG.info("payment started {}", id);
    LOG.error("payment failed " + id, new IllegalStateException("card declined"));
    byte[] body = ("handled " + id).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void theClassPathIsTheMismatch() {
    assertThat(appenderClass().getPackage().getImplementationVersion())
        .as("%s on the class path", appenderArtifact())
        .isEqualTo(System.getProperty("expected.appender.version"));
    assertThat(OpenTelemetry.class.getPackage().getImplementationVersion()).as("opentelemetry-api on the class path")
        .isEqualTo(System.getProperty("expected.api.version"));
    assertThat(Arrays.stream(LogRecordBuilder.class.getMethods()).map(m -> m.getName()))
        .as("LogRecordBuilder methods of opentelemetry-api %s", System.getProperty("expected.api.version"))
        .doesNotContain("setException");
  }

  @Test
  void errorLogWithExceptionInsideARequestNeitherThrowsNorFailsTheRequest() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    for (String id : new String[] {first, second}) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pay?" + id)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("status of GET /pay?%s", id).isEqualTo(200);
      assertThat(response.body()).isEqualTo("handled " + id);
    }

    if (failureAtInstall() != null) {
      assertThat(telemetry.startupReport()).as("slf4j logs: line of the startup report")
          .contains("logs are NOT exported: " + failureAtInstall());
      assertThat(Scrape.of(telemetry.registry()).value("scanium_http_requests_total",
          Map.of("route", "/pay", "status_code", "200"))).as("scanium_http_requests_total{route=\"/pay\"}")
          .isEqualTo(2);
      receiver.awaitSpans(ReceivedSpan.named("GET /pay"), 2, WAIT);
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("payment failed " + second)
          .contains("java.lang.IllegalStateException: card declined");
      return;
    }
    // Exactly one line says log export is off, why, and which versions were found.
    String stderr = diagnostics.toString(StandardCharsets.UTF_8);
    assertThat(stderr.lines().filter(l -> l.contains("logs disabled")))
        .as("stderr lines about logs being disabled").hasSize(1)
        .first().asString()
        .contains("NoSuchMethodError").contains("setException")
        .contains(appenderWords())
        .contains("dependency version mismatch")
        .contains("opentelemetry-api " + System.getProperty("expected.api.version"))
        .contains(appenderArtifact() + " " + System.getProperty("expected.appender.version"));

    // The series, on the real scrape endpoint; and the other signals kept working.
    String scrape = client.send(HttpRequest.newBuilder(telemetry.scrapeUri().orElseThrow()).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Scrape s = Scrape.of(scrape);
    assertThat(s.value("scanium_telemetry_signal_disabled", Map.of("signal", "logs")))
        .as("scanium_telemetry_signal_disabled{signal=\"logs\"}").isEqualTo(1);
    assertThat(s.value("scanium_telemetry_signal_disabled", Map.of("signal", "traces")))
        .as("scanium_telemetry_signal_disabled{signal=\"traces\"}").isZero();
    assertThat(s.value("scanium_http_requests_total", Map.of("route", "/pay", "status_code", "200")))
        .as("scanium_http_requests_total{route=\"/pay\",status_code=\"200\"}").isEqualTo(2);
    receiver.awaitSpans(ReceivedSpan.named("GET /pay"), 2, WAIT);
    // The event before the failing one was exported; nothing after the switch-off is.
    receiver.awaitLog(ReceivedLog.withBody("payment started " + first), WAIT);
    assertThat(receiver.logs()).noneMatch(l -> l.body().contains(second));

    // The application's own console has every event, the exception included, still with its trace id.
    String out = console.toString(StandardCharsets.UTF_8);
    assertThat(out).containsPattern("trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16} order_id= - payment failed " + second)
        .contains("payment failed " + first)
        .contains("java.lang.IllegalStateException: card declined")
        .contains("payment started " + second);
  }
}
