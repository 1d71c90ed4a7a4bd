package io.scanium.telemetry.agenttests;

import java.util.LinkedHashMap;
import java.util.Map;

/** The variables every test application gets: the same for the agent and for the library, as users set them. */
final class AgentTestEnvironment {

  /** Batch span and log record processors' schedule delay: short, so that tests wait little. */
  static final long SCHEDULE_DELAY_MS = 100;

  private AgentTestEnvironment() {}

  /**
   * Export to the receiver, metrics only on the library's scrape port (on loopback, without JVM metrics, which a
   * series comparison does not need), quick batches.
   */
  static Map<String, String> exportingTo(String endpoint, String service, int metricsPort) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("OTEL_SERVICE_NAME", service);
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    environment.put("OTEL_METRICS_EXPORTER", "none");
    environment.putAll(quick(metricsPort));
    return environment;
  }

  /** Only the quick batches and the library's scrape port, for tests that configure the rest themselves. */
  static Map<String, String> quick(int metricsPort) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("OTEL_BSP_SCHEDULE_DELAY", Long.toString(SCHEDULE_DELAY_MS));
    environment.put("OTEL_BLRP_SCHEDULE_DELAY", Long.toString(SCHEDULE_DELAY_MS));
    environment.put("SCANIUM_METRICS_PORT", Integer.toString(metricsPort));
    environment.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    environment.put("SCANIUM_JVM_METRICS", "false");
    return environment;
  }
}
