package io.scanium.telemetry.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.TelemetryConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Named property sources (a framework's configuration files): precedence, and the origin every message names. */
class PropertySourceTest {

  private static final Map<String, String> ENDPOINT = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");

  @Test
  void namedSourceComesAfterEnvironmentAndSystemPropertiesAndBeforeDefaults() {
    ConfigSource source = ConfigSource.of(Map.of("SCANIUM_METRICS_PORT", "9100"),
            Map.of("scanium.metrics.path", "/prom"), Map.of())
        .withPropertySource("application-prod.properties via Spring Environment",
            Map.of("scanium.metrics.port", "9200", "scanium.metrics.path", "/file", "otel.service.name", "prod-name"))
        .withPropertySource("application.properties via Spring Environment",
            Map.of("otel.service.name", "base-name", "scanium.http.max.routes", "50", "server.port", "8080"));

    assertThat(source.get(Setting.METRICS_PORT).describe()).as("SCANIUM_METRICS_PORT")
        .isEqualTo("SCANIUM_METRICS_PORT=9100 (environment variable)");
    assertThat(source.get(Setting.METRICS_PATH).describe()).as("SCANIUM_METRICS_PATH")
        .isEqualTo("scanium.metrics.path=/prom (system property)");
    assertThat(source.get("OTEL_SERVICE_NAME").orElseThrow().describe()).as("OTEL_SERVICE_NAME: first source wins")
        .isEqualTo("otel.service.name=prod-name (application-prod.properties via Spring Environment)");
    assertThat(source.get(Setting.HTTP_MAX_ROUTES).describe()).as("SCANIUM_HTTP_MAX_ROUTES")
        .isEqualTo("scanium.http.max.routes=50 (application.properties via Spring Environment)");
    assertThat(source.get(Setting.JVM_METRICS).source()).as("SCANIUM_JVM_METRICS").isEqualTo(Source.DEFAULT);
    assertThat(source.openTelemetryProperties()).as("properties autoconfigure sees")
        .containsEntry("otel.service.name", "prod-name").doesNotContainKey("server.port");
  }

  @Test
  void namedSourceResolvesTheServiceName() {
    ResolvedConfig config = ConfigValidator.resolve(ConfigSource.of(ENDPOINT, Map.of(), Map.of())
        .withPropertySource("application.yaml via Spring Environment", Map.of("otel.service.name", "from-yaml")),
        ContainerDetector.NONE);
    assertThat(config.serviceName()).isEqualTo("from-yaml");
    assertThat(config.serviceNameOrigin())
        .isEqualTo("otel.service.name=from-yaml (application.yaml via Spring Environment)");
  }

  @Test
  void unknownScaniumNameInNamedSourceIsRefusedNamingTheSource() {
    ConfigSource source = ConfigSource.of(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
            "OTEL_SERVICE_NAME", "svc"), Map.of(), Map.of())
        .withPropertySource("application.properties via Spring Environment", Map.of("scanium.metrics.prot", "1"));
    assertThatThrownBy(() -> ConfigValidator.resolve(source, ContainerDetector.NONE))
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("scanium.metrics.prot = \"1\" (application.properties via Spring Environment)");
  }
}
