package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logback 1.2 with no configuration file on the class path, as in a Spring Boot 2.7 application before Spring
 * configures logging: Logback 1.2 then calls the library's {@code Configurator} service, through its 1.2 method
 * {@code void configure(LoggerContext)}, in place of its own BasicConfigurator. Before the fix that call failed with
 * {@code AbstractMethodError} at the application's first {@code getLogger}.
 */
class Logback12WithoutConfigurationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void firstGetLoggerWorksTheConsoleLogsAndEventsBeforeInstallAreExported() {
    PrintStream originalOut = System.out;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      // The application's first getLogger: Logback initialises here.
      Logger log = LoggerFactory.getLogger("app.legacy");
      String before = "before install " + UUID.randomUUID();
      log.info(before);
      assertThat(console.toString(StandardCharsets.UTF_8)).as("console output of Logback's default configuration")
          .contains("INFO app.legacy - " + before);

      try (ScaniumTelemetry telemetry = ScaniumTelemetry.builder().environment(Map.of(
          "OTEL_SERVICE_NAME", "logback12-no-config",
          "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "OTEL_BSP_SCHEDULE_DELAY", "50",
          "OTEL_BLRP_SCHEDULE_DELAY", "50",
          "SCANIUM_METRICS_PORT", "0")).shutdownHook(false).build()) {
        assertThat(telemetry.startupReport()).as("slf4j logs: line of the startup report")
            .contains("slf4j logs: logback " + System.getProperty("expected.logback.version") + ": ")
            .contains("bound to this SDK")
            .contains("1 event(s) logged before install were kept");
        ReceivedLog early = receiver.awaitLog(ReceivedLog.withBody(before), WAIT);
        assertThat(early.resourceAttribute("service.name")).isEqualTo("logback12-no-config");

        String inside = "inside span " + UUID.randomUUID();
        Span span = telemetry.openTelemetry().getTracer("logs-test").spanBuilder("legacy-work").startSpan();
        try (Scope ignored = span.makeCurrent()) {
          log.warn(inside);
        } finally {
          span.end();
        }
        ReceivedSpan exported = receiver.awaitSpan(ReceivedSpan.named("legacy-work"), WAIT);
        ReceivedLog log2 = receiver.awaitLog(ReceivedLog.withBody(inside), WAIT);
        assertThat(log2.traceIdHex()).as("trace id of the log record logged inside the span")
            .isEqualTo(exported.traceIdHex()).hasSize(32);
        assertThat(log2.spanIdHex()).isEqualTo(exported.spanIdHex());
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("WARN app.legacy - " + inside);
      }
    } finally {
      System.setOut(originalOut);
    }
  }
}
