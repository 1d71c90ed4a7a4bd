package io.scanium.telemetry.internal.config;

import io.scanium.telemetry.internal.scrape.ScrapeProtection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration after validation: every value typed, every OTLP destination resolved to a full URL, every
 * {@code SCANIUM_*} setting kept with its source ({@link #setting}). Only {@link ConfigValidator} creates it, so
 * holding one means the configuration passed every rule. {@code agent} is present when the OpenTelemetry Java agent
 * is attached and exports in the library's place.
 */
public record ResolvedConfig(
    ConfigSource source,
    Map<String, String> openTelemetryProperties,
    boolean sdkDisabled,
    String serviceName,
    String serviceNameOrigin,
    String deploymentEnvironment,
    String deploymentEnvironmentOrigin,
    Map<Signal, SignalPlan> signals,
    int metricsPort,
    String metricsHost,
    String metricsPath,
    boolean jvmMetrics,
    boolean serviceLabels,
    boolean registerGlobal,
    Duration shutdownTimeout,
    boolean startupReport,
    String startupProbe,
    Duration scrapeWatchdog,
    ScrapeProtection scrapeProtection,
    int maxRoutes,
    boolean captureQuery,
    List<String> queryRedact,
    boolean logsRequired,
    String logsLevel,
    boolean localDevelopment,
    List<String> warnings,
    Optional<AgentSettings> agent,
    ConfigValue sampler,
    ConfigValue metricExportInterval,
    Map<Setting, ConfigValue> settings) {

  public ResolvedConfig {
    settings = Map.copyOf(settings);
  }

  /**
   * The validated value of one of the library's settings, with where it came from: what the report, the messages
   * and every consumer use, so that none reads the raw source again.
   */
  public ConfigValue setting(Setting setting) {
    return settings.get(setting);
  }

  /** The scrape endpoint is off when the port is 0. */
  public boolean metricsEndpointEnabled() {
    return metricsPort > 0;
  }
}
