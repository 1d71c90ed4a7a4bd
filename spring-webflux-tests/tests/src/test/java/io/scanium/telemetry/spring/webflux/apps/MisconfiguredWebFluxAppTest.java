package io.scanium.telemetry.spring.webflux.apps;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.testsupport.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A configuration that would lose telemetry fails the application's start with the validation message. */
class MisconfiguredWebFluxAppTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"boot3.webflux.jar", "boot4.webflux.jar"})
  void missingEndpointFailsTheApplicationWithTheValidationMessage(String jarProperty) throws Exception {
    Map<String, String> env = Map.of("OTEL_SERVICE_NAME", "no-endpoint", "SERVER_PORT",
        Integer.toString(FreePort.pick()), "SCANIUM_METRICS_PORT", "off");
    try (BootApp failing = BootApp.start(Path.of(System.getProperty(jarProperty)), env)) {
      assertThat(failing.awaitExit(Duration.ofSeconds(90))).as("exit code of the misconfigured application")
          .isNotZero();
      assertThat(failing.output()).contains("Scanium telemetry is misconfigured")
          .contains("OTEL_EXPORTER_OTLP_ENDPOINT = not set")
          .doesNotContain("Started WebFluxApp");
    }
  }
}
