package io.scanium.telemetry.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of an adapter test's telemetry: a service exporting to a test receiver with short batch delays (so
 * spans and logs arrive within a poll), and nothing else started (no scrape port, no JVM series, no report).
 */
public final class TestEnvironment {

  private TestEnvironment() {}

  /** A new, mutable map: tests add or override variables in it. */
  public static Map<String, String> exportingTo(String otlpEndpoint, String service, String environment) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", service);
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=" + environment);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
    env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
    env.put("OTEL_BLRP_SCHEDULE_DELAY", "20");
    env.put("SCANIUM_METRICS_PORT", "off");
    env.put("SCANIUM_JVM_METRICS", "false");
    env.put("SCANIUM_STARTUP_REPORT", "false");
    return env;
  }
}
