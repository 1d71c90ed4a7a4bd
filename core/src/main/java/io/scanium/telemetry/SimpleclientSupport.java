package io.scanium.telemetry;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.simpleclient.bridge.SimpleclientCollector;
import java.util.Optional;

/**
 * Serves the metrics an application registered in the old simpleclient's default registry in the same scrape,
 * through the upstream bridge. Only touched when simpleclient is on the classpath, so the bridge's classes are
 * never loaded otherwise.
 */
final class SimpleclientSupport {

  private SimpleclientSupport() {}

  /** Bridges simpleclient's default registry if present; returns a warning for the report if that failed. */
  static Optional<String> bridge(PrometheusRegistry registry) {
    try {
      Class.forName("io.prometheus.client.CollectorRegistry", false, SimpleclientSupport.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
    try {
      Bridge.register(registry);
      return Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("Prometheus simpleclient is on the classpath but its metrics could not be bridged into"
          + " the scrape: " + e);
    }
  }

  private static final class Bridge {
    static void register(PrometheusRegistry registry) {
      SimpleclientCollector.builder().collectorRegistry(CollectorRegistry.defaultRegistry).register(registry);
    }
  }
}
