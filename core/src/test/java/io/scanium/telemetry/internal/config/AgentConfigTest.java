package io.scanium.telemetry.internal.config;

import static io.scanium.telemetry.internal.config.ConfigValidatorTest.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.Problem;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.agent.JavaAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules as they apply under the OpenTelemetry Java agent: to the configuration the agent will really use (its
 * file, its defaults), with the agent-only settings understood.
 */
class AgentConfigTest {

  private static final JavaAgent AGENT = new JavaAgent("2.31.1");
  private static final Map<String, String> VALID = ConfigValidatorTest.VALID;

  @TempDir
  Path dir;

  private static ResolvedConfig underAgent(Map<String, String> env, Map<String, String> props) {
    ConfigSource seen = AgentSettings.asSeenByAgent(ConfigSource.of(env, props, Map.of()));
    return ConfigValidator.resolve(seen, ContainerDetector.NONE, Optional.of(AGENT));
  }

  private static ResolvedConfig underAgent(Map<String, String> env) {
    return underAgent(env, Map.of());
  }

  private static List<Problem> problems(Map<String, String> env) {
    return ConfigValidatorTest.problems(env, AgentConfigTest::underAgent);
  }

  @Test
  void theAgentExportsMetricsOverOtlpByDefaultSoItsEndpointIsCheckedToo() {
    ResolvedConfig c = underAgent(VALID);

    assertThat(c.agent()).map(AgentSettings::version).contains("2.31.1");
    assertThat(c.signals().get(Signal.METRICS).url()).contains("http://alloy:4318/v1/metrics");
    assertThat(problems(valid("OTEL_EXPORTER_OTLP_ENDPOINT", null)))
        .as("the localhost default, refused for every signal the agent exports")
        .extracting(Problem::problem)
        .anySatisfy(p -> assertThat(p).startsWith("no OTLP endpoint for traces"))
        .anySatisfy(p -> assertThat(p).startsWith("no OTLP endpoint for logs"))
        .anySatisfy(p -> assertThat(p).startsWith("no OTLP endpoint for metrics"));
  }

  @Test
  void withoutTheAgentPrometheusIsAnUnknownExporterThatNamesTheScrapeEndpoint() {
    assertThatThrownBy(() -> ConfigValidator.resolve(ConfigSource.of(valid("OTEL_METRICS_EXPORTER", "prometheus"),
            Map.of(), Map.of()), ContainerDetector.NONE))
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("unknown exporter 'prometheus' for metrics")
        .hasMessageContaining("SCANIUM_METRICS_PORT already")
        .hasMessageContaining("Java agent, which is not attached");
  }

  @Test
  void theAgentsPrometheusExporterOnTheScrapePortIsRefusedNamingBothSettings() {
    List<Problem> p = problems(valid("OTEL_METRICS_EXPORTER", "prometheus"));

    assertThat(p).hasSize(1);
    assertThat(p.get(0).variable()).isEqualTo("SCANIUM_METRICS_PORT");
    assertThat(p.get(0).problem())
        .contains("OTEL_METRICS_EXPORTER=prometheus", "port 9464", "OTEL_EXPORTER_PROMETHEUS_PORT=9464 (default)");
    assertThat(p.get(0).fix()).contains("SCANIUM_METRICS_PORT=9465", "OTEL_EXPORTER_PROMETHEUS_PORT=<another port>");

    assertThat(problems(valid("OTEL_METRICS_EXPORTER", "prometheus", "OTEL_EXPORTER_PROMETHEUS_PORT", "9500",
        "SCANIUM_METRICS_PORT", "9500"))).singleElement()
        .satisfies(q -> assertThat(q.problem()).contains("OTEL_EXPORTER_PROMETHEUS_PORT=9500 (environment variable)"));
  }

  @Test
  void theAgentsPrometheusExporterOnAnotherPortIsFine() {
    ResolvedConfig c = underAgent(valid("OTEL_METRICS_EXPORTER", "prometheus", "SCANIUM_METRICS_PORT", "9465"));

    assertThat(c.signals().get(Signal.METRICS).exporters()).containsExactly("prometheus");
    assertThat(c.signals().get(Signal.METRICS).url()).isEmpty();
  }

  @Test
  void grpcIsTheAgentsToSpeak() {
    ResolvedConfig c = underAgent(valid("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4317"));

    assertThat(c.signals().get(Signal.TRACES).url()).contains("http://alloy:4317");
    assertThat(problems(valid("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "http://alloy:4318"))).as("grpc to the OTLP/HTTP port under the agent").extracting(Problem::problem)
        .containsExactly("port 4318 is the collector's OTLP/HTTP port, but the protocol is grpc"
            + " (OTEL_EXPORTER_OTLP_PROTOCOL=grpc (environment variable)).");
  }

  @Test
  void theAgentsConfigurationFileIsReadBelowTheEnvironment() throws IOException {
    Path file = dir.resolve("agent.properties");
    Files.writeString(file, "otel.service.name=from-file\notel.exporter.otlp.endpoint=http://collector:4318\n"
        + "otel.resource.attributes=deployment.environment.name=staging\n");

    ResolvedConfig c = underAgent(Map.of("OTEL_JAVAAGENT_CONFIGURATION_FILE", file.toString()));
    assertThat(c.serviceName()).isEqualTo("from-file");
    assertThat(c.serviceNameOrigin()).contains("the agent's configuration file " + file);
    assertThat(c.deploymentEnvironment()).isEqualTo("staging");
    assertThat(c.signals().get(Signal.TRACES).url()).contains("http://collector:4318/v1/traces");
    assertThat(c.signals().get(Signal.TRACES).endpointValue()).map(ConfigValue::describe).get().asString()
        .contains("the agent's configuration file");

    ResolvedConfig overridden = underAgent(Map.of("OTEL_JAVAAGENT_CONFIGURATION_FILE", file.toString(),
        "OTEL_SERVICE_NAME", "from-env"));
    assertThat(overridden.serviceName()).as("the environment wins over the file, as in the agent")
        .isEqualTo("from-env");

    ResolvedConfig byProperty = underAgent(Map.of(), Map.of("otel.javaagent.configuration-file", file.toString()));
    assertThat(byProperty.serviceName()).isEqualTo("from-file");
  }

  @Test
  void aLocalhostDefaultLeftOpenByTheFileIsRefusedAsAnywhere() throws IOException {
    Path file = dir.resolve("agent.properties");
    Files.writeString(file, "otel.service.name=from-file\n");

    assertThat(problems(Map.of("OTEL_JAVAAGENT_CONFIGURATION_FILE", file.toString())))
        .extracting(Problem::variable).containsOnly("OTEL_EXPORTER_OTLP_ENDPOINT");
  }

  @Test
  void anUnreadableConfigurationFileIsRefusedNamingIt() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> underAgent(valid("OTEL_JAVAAGENT_CONFIGURATION_FILE", missing.toString())))
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("OTEL_JAVAAGENT_CONFIGURATION_FILE")
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("the agent runs without it");
  }

  @Test
  void theAgentsLoggingInstrumentationFollowsItsSwitches() {
    assertThat(underAgent(VALID).agent().orElseThrow())
        .satisfies(a -> assertThat(a.exportsLogsOf("logback")).isTrue())
        .satisfies(a -> assertThat(a.exportsLogsOf("log4j2")).isTrue())
        .satisfies(a -> assertThat(a.exportsLogsOf("slf4j-simple")).isFalse());
    assertThat(underAgent(valid("OTEL_INSTRUMENTATION_LOGBACK_APPENDER_ENABLED", "false")).agent().orElseThrow()
        .exportsLogsOf("logback")).isFalse();
    assertThat(underAgent(Map.of("OTEL_SERVICE_NAME", "s", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318"),
        Map.of("otel.instrumentation.log4j-appender.enabled", "false")).agent().orElseThrow()
        .exportsLogsOf("log4j2")).isFalse();
    assertThat(underAgent(valid("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false")).agent().orElseThrow()
        .exportsLogsOf("logback")).isFalse();
  }
}
