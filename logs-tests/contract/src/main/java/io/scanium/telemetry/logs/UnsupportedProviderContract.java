package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With an SLF4J provider OpenTelemetry has no appender for, the startup report says plainly that logs are not
 * exported and why, and {@code SCANIUM_LOGS_REQUIRED=true} turns that into a startup failure.
 */
public abstract class UnsupportedProviderContract {

  private OtlpReceiver receiver;

  /** Words the report must use to name the provider found, e.g. {@code slf4j-simple}. */
  protected abstract String providerWords();

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "OTEL_SERVICE_NAME", "logs-test",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "SCANIUM_METRICS_PORT", "0"));
    env.putAll(extra);
    return env;
  }

  @Test
  void reportSaysLogsAreNotExportedAndWhy() {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env(Map.of())).shutdownHook(false).build()) {
      String line = t.startupReport().lines().filter(l -> l.contains("slf4j logs:")).findFirst().orElseThrow();
      assertThat(line)
          .contains("logs are NOT exported")
          .contains(providerWords())
          .contains("logback-classic")
          .contains("log4j-slf4j2-impl");
    }
  }

  @Test
  void logsRequiredFailsStartup() {
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env(Map.of("SCANIUM_LOGS_REQUIRED", "true")))
        .shutdownHook(false).build())
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("SCANIUM_LOGS_REQUIRED")
        .hasMessageContaining(providerWords());
  }
}
