package io.scanium.telemetry.internal.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.agent.JavaAgent;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the OpenTelemetry Java agent attached to this JVM will do, as far as the library must know to add what the
 * agent lacks and never duplicate what it does: the agent exports traces, logs and its own metrics; its logging
 * instrumentation, when on, already exports every log event; its Prometheus exporter, when on, holds a port.
 *
 * @param version the agent's version
 * @param logbackInstrumentation whether the agent's Logback appender instrumentation is on
 * @param log4jInstrumentation whether the agent's Log4j appender instrumentation is on
 * @param configurationFile the agent's configuration file, when one is given
 */
public record AgentSettings(String version, boolean logbackInstrumentation, boolean log4jInstrumentation,
    Optional<ConfigValue> configurationFile) {

  static final String CONFIGURATION_FILE = "OTEL_JAVAAGENT_CONFIGURATION_FILE";
  /** The agent reads this system property with a hyphen, which the environment-variable spelling cannot carry. */
  static final String CONFIGURATION_FILE_PROPERTY = "otel.javaagent.configuration-file";
  static final String PROMETHEUS_PORT = "OTEL_EXPORTER_PROMETHEUS_PORT";
  static final int PROMETHEUS_DEFAULT_PORT = 9464;

  static AgentSettings of(JavaAgent agent, ConfigSource source, ConfigProperties otel) {
    boolean all = otel.getBoolean("otel.instrumentation.common.default-enabled", true);
    return new AgentSettings(agent.version(),
        otel.getBoolean("otel.instrumentation.logback-appender.enabled", all),
        otel.getBoolean("otel.instrumentation.log4j-appender.enabled", all),
        configurationFile(source));
  }

  /**
   * The source as the agent sees it: its configuration file below environment variables and system properties (the
   * agent's own order), and its defaults where they differ from the library's (the agent exports its metrics over
   * OTLP unless told otherwise).
   *
   * @throws TelemetryConfigurationException when the configuration file is given but cannot be read: the agent
   *     would run without it, and so would every check here
   */
  public static ConfigSource asSeenByAgent(ConfigSource source) {
    ConfigSource seen = source.withDefault("OTEL_METRICS_EXPORTER", "otlp");
    Optional<ConfigValue> file = configurationFile(source);
    if (file.isEmpty()) {
      return seen;
    }
    Path path = Path.of(file.get().value());
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException | RuntimeException e) {
      throw new TelemetryConfigurationException(List.of(Problems.of(file.get(),
          "the OpenTelemetry Java agent's configuration file cannot be read (" + e + "); the agent runs without it,"
              + " so none of its settings (endpoint, service name, exporters) would apply.",
          "point it at a readable properties file, or remove the setting.")));
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    return seen.withPropertySource("the agent's configuration file " + path, values);
  }

  private static Optional<ConfigValue> configurationFile(ConfigSource source) {
    Optional<ConfigValue> property = source.systemProperty(CONFIGURATION_FILE_PROPERTY);
    return property.isPresent() ? property : source.explicit(CONFIGURATION_FILE);
  }

  /** Whether the agent's instrumentation already exports the events of this SLF4J backend. */
  public boolean exportsLogsOf(String backend) {
    return switch (backend) {
      case "logback" -> logbackInstrumentation;
      case "log4j2" -> log4jInstrumentation;
      default -> false;
    };
  }
}
