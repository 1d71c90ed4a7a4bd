package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Logback and Log4j2 both on the classpath: SLF4J warns and picks one provider; the routing follows the one SLF4J
 * picked, says which, and exports through it.
 */
class BothBackendsTest {

  @Test
  void routesThroughTheProviderSlf4jPicked() {
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    String expected = factory.startsWith("ch.qos.logback") ? "logback" : "log4j2";
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of(
            "OTEL_SERVICE_NAME", "logs-test",
            "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
            "OTEL_BLRP_SCHEDULE_DELAY", "50",
            "SCANIUM_METRICS_PORT", "0")).shutdownHook(false).build()) {
      String line = t.startupReport().lines().filter(l -> l.contains("slf4j logs:")).findFirst().orElseThrow();
      assertThat(line).contains("slf4j logs: " + expected).contains("bound to this SDK");
      String body = "both backends " + UUID.randomUUID();
      LoggerFactory.getLogger("app.both").info(body);
      receiver.awaitLog(ReceivedLog.withBody(body), Duration.ofSeconds(20));
    }
  }
}
