package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OTLP/HTTP exporters are built at their first export, not at install (their HTTP client is a third of install's
 * CPU), while everything that can be wrong in their configuration still refuses the start.
 */
class DeferredExporterTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theExportersAreBuiltAtTheirFirstExportAndThenExport() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = env(receiver.endpoint());
      try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build()) {
        OpenTelemetrySdk sdk = t.sdk();
        assertThat(sdk.getSdkTracerProvider().toString()).as("the span exporter after install")
            .contains("OtlpHttpSpanExporter (built at its first export)");
        assertThat(sdk.getSdkLoggerProvider().toString()).as("the log record exporter after install")
            .contains("OtlpHttpLogRecordExporter (built at its first export)");

        t.openTelemetry().getTracer("test").spanBuilder("deferred").startSpan().end();
        t.openTelemetry().getLogsBridge().get("test").logRecordBuilder().setBody("deferred").emit();
        receiver.awaitSpan(OtlpReceiver.matching("span 'deferred'", s -> s.name().equals("deferred")), WAIT);
        receiver.awaitLog(OtlpReceiver.matching("log 'deferred'", l -> "deferred".equals(l.body())), WAIT);
        assertThat(sdk.getSdkTracerProvider().toString()).as("the span exporter after an export")
            .contains("OtlpHttpSpanExporter{").contains(receiver.endpoint() + "/v1/traces");
      }
    }
  }

  @Test
  void anUnsupportedCompressionStillRefusesTheStart() {
    Map<String, String> env = env("http://127.0.0.1:4318");
    env.put("OTEL_EXPORTER_OTLP_COMPRESSION", "brotli");
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env).shutdownHook(false).build())
        .as("install with OTEL_EXPORTER_OTLP_COMPRESSION=brotli")
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("brotli");
  }

  @Test
  void anUnreadableCertificateStillRefusesTheStart(@TempDir Path dir) throws Exception {
    Path certificate = dir.resolve("ca.pem");
    Files.writeString(certificate, "not a certificate", StandardCharsets.US_ASCII);
    Map<String, String> env = env("https://127.0.0.1:4318");
    env.put("OTEL_EXPORTER_OTLP_CERTIFICATE", certificate.toString());
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env).shutdownHook(false).build())
        .as("install with a certificate file that holds no certificate")
        .isInstanceOf(TelemetryConfigurationException.class);
  }

  private static Map<String, String> env(String endpoint) {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_SERVICE_NAME", "deferred-test");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
    env.put("OTEL_BLRP_SCHEDULE_DELAY", "20");
    env.put("SCANIUM_METRICS_PORT", "off");
    env.put("SCANIUM_STARTUP_PROBE", "off");
    return env;
  }
}
