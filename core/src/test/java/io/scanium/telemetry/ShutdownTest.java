package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.Signal;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** close() flushes within its deadline, whatever the collector does. */
class ShutdownTest {

  @Test
  void closeReturnsWithinTheDeadlineWhenTheCollectorNeverAnswers() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(); StderrCapture err = StderrCapture.start()) {
      receiver.hang();
      ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of(
          "OTEL_SERVICE_NAME", "shutdown-test",
          "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "OTEL_EXPORTER_OTLP_TIMEOUT", "120000",
          "SCANIUM_SHUTDOWN_TIMEOUT", "1s",
          // The probe's empty export would be held too, and counted below as the span's.
          "SCANIUM_STARTUP_PROBE", "off",
          "SCANIUM_METRICS_PORT", "off")).shutdownHook(false).build();
      t.openTelemetry().getTracer("t").spanBuilder("stuck").startSpan().end();
      long start = System.nanoTime();
      t.close();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("close() with a 1 s deadline took %d ms", millis).isLessThan(10_000);
      assertThat(receiver.requestCount(Signal.TRACES)).as("the span was sent and held").isGreaterThanOrEqualTo(1);
      assertThat(err.text()).contains("not flushed within 1000 ms");
      t.close();
    }
  }

  @Test
  void closeStopsEarlyWhenTheCollectorRefusesConnections() throws Exception {
    String endpoint = "http://127.0.0.1:" + FreePort.pick();
    try (StderrCapture err = StderrCapture.start()) {
      ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of(
          "OTEL_SERVICE_NAME", "shutdown-test",
          "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint,
          "OTEL_BSP_SCHEDULE_DELAY", "600000",
          "SCANIUM_SHUTDOWN_TIMEOUT", "20s",
          "SCANIUM_METRICS_PORT", "off")).shutdownHook(false).build();
      t.openTelemetry().getTracer("t").spanBuilder("refused").startSpan().end();
      long start = System.nanoTime();
      t.close();
      long millis = (System.nanoTime() - start) / 1_000_000;
      // Without the probe the exporter's retries against the refusing port hold close() for about 5 s.
      assertThat(millis).as("close() against a refusing collector, 20 s deadline, took %d ms", millis)
          .isLessThan(3_000);
      assertThat(err.text()).contains("the collector at " + endpoint + "/v1/traces refuses connections")
          .doesNotContain("not flushed within");
    }
  }

  @Test
  void closeFlushesWhatIsQueued() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of(
          "OTEL_SERVICE_NAME", "shutdown-test",
          "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "OTEL_BSP_SCHEDULE_DELAY", "600000",
          "SCANIUM_METRICS_PORT", "off")).shutdownHook(false).build();
      t.openTelemetry().getTracer("t").spanBuilder("queued").startSpan().end();
      t.close();
      assertThat(receiver.awaitSpan(s -> s.name().equals("queued"), Duration.ofSeconds(1)).name()).isEqualTo("queued");
    }
  }
}
