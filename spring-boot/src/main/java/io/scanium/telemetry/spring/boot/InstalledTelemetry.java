package io.scanium.telemetry.spring.boot;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.config.ConfigSource;
import io.scanium.telemetry.internal.config.ConfigValue;
import io.scanium.telemetry.Problem;
import io.scanium.telemetry.internal.config.Setting;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The context's telemetry, and whether the context owns it: an instance installed before Spring started (by the
 * application's {@code main}, or by the servlet initializer in a WAR) is used and left open for its owner.
 */
final class InstalledTelemetry implements DisposableBean {

  private static final String[] SERVER_PORTS = {"server.port", "management.server.port"};

  private final ScaniumTelemetry telemetry;
  private final boolean owned;

  private InstalledTelemetry(ScaniumTelemetry telemetry, boolean owned) {
    this.telemetry = telemetry;
    this.owned = owned;
  }

  static InstalledTelemetry acquire(ConfigurableEnvironment environment) {
    ScaniumTelemetry existing = ScaniumTelemetry.installed().orElse(null);
    if (existing != null) {
      return new InstalledTelemetry(existing, false);
    }
    DependencyVersions.check(InstalledTelemetry.class.getClassLoader());
    checkOneRegistry(SpringPropertySources.configSource(environment));
    ScaniumTelemetry.Builder builder = ScaniumTelemetry.builder();
    for (Map.Entry<String, Map<String, String>> e : SpringPropertySources.of(environment).entrySet()) {
      builder.propertySource(e.getKey(), e.getValue());
    }
    // Throws TelemetryConfigurationException on a bad configuration: deliberately not caught, so the context
    // fails with its message instead of running without telemetry.
    ScaniumTelemetry telemetry = builder.install();
    try {
      checkPorts(telemetry, environment);
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
    return new InstalledTelemetry(telemetry, true);
  }

  /**
   * With one registry for both (the Actuator option), our JVM series and Micrometer's would register the same names
   * ({@code jvm_memory_used_bytes}) twice, and Micrometer would fail on it: refuse the combination up front.
   */
  private static void checkOneRegistry(ConfigSource source) {
    ConfigValue actuator = source.get(Setting.METRICS_ACTUATOR);
    ConfigValue jvm = source.get(Setting.JVM_METRICS);
    if (SpringPropertySources.micrometerPrometheusPresent() && actuator.value().trim().equalsIgnoreCase("true")
        && jvm.value().trim().equalsIgnoreCase("true")) {
      throw new TelemetryConfigurationException(new Problem(jvm.name(), "\"" + jvm.value() + "\" (" + jvm.origin()
          + ")", "with " + actuator.describe() + " Micrometer writes into the library's registry, and both would"
          + " register the JVM series (jvm_memory_used_bytes, ...) under the same names.",
          "remove " + jvm.name() + " (Micrometer's JVM series are exported), or turn "
              + Setting.METRICS_ACTUATOR.variable() + " off."), null);
    }
  }

  /**
   * Our scrape port is bound before Boot's servers start: a Boot server on the same port would fail with "Port
   * 9464 was already in use", which blames the application. Say which two settings collide instead.
   */
  private static void checkPorts(ScaniumTelemetry telemetry, ConfigurableEnvironment environment) {
    int scrape = telemetry.scrapePort();
    if (scrape <= 0) {
      return;
    }
    for (String property : SERVER_PORTS) {
      String value = environment.getProperty(property);
      if (value != null && value.trim().equals(Integer.toString(scrape))) {
        throw new TelemetryConfigurationException(new Problem(property, "\"" + value.trim() + "\" (Spring"
            + " Environment)",
            "the same port as Scanium telemetry's scrape endpoint (" + Setting.METRICS_PORT.variable() + " / "
                + Setting.METRICS_PORT.systemProperty() + ", port " + scrape + "): Spring Boot's server could not"
                + " bind it.",
            "give " + property + " or " + Setting.METRICS_PORT.variable() + " another port; to scrape through"
                + " Actuator instead, set " + Setting.METRICS_ACTUATOR.variable() + "=true."), null);
      }
    }
  }

  ScaniumTelemetry telemetry() {
    return telemetry;
  }

  @Override
  public void destroy() {
    if (owned) {
      telemetry.close();
    }
  }
}
