package io.scanium.telemetry.spring.boot;

import io.scanium.telemetry.internal.config.ConfigSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * The {@code otel.*} and {@code scanium.*} properties of Spring's {@code Environment}, one named source per Spring
 * property source, in Spring's order of precedence (profile files before {@code application.properties}).
 *
 * <p>System properties and environment variables are left out: the library reads them itself, with
 * OpenTelemetry's precedence (they override configuration files, as they do in Spring).
 */
final class SpringPropertySources {

  /** Spring's view of every other source as one, and sources the library reads itself. */
  private static final Set<String> SKIPPED = Set.of(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
      StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, "configurationProperties", "random");

  private static final Pattern RESOURCE = Pattern.compile("\\[([^\\]]+)\\]");

  /** Present with Micrometer's Prometheus registry, which exports JVM series of its own. */
  static final String MICROMETER_PROMETHEUS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

  static final String MICROMETER_SOURCE =
      "Spring Boot starter: micrometer-registry-prometheus is present and exports the JVM series (jvm_*, process_*)"
          + " with its own labels";

  private SpringPropertySources() {}

  /** Source name to properties, highest precedence first; the last one is the starter's own defaults. */
  static Map<String, Map<String, String>> of(ConfigurableEnvironment environment) {
    Map<String, Map<String, String>> sources = new LinkedHashMap<>();
    for (PropertySource<?> ps : environment.getPropertySources()) {
      if (SKIPPED.contains(ps.getName()) || !(ps instanceof EnumerablePropertySource)) {
        continue;
      }
      Map<String, String> ours = new TreeMap<>();
      for (String name : ((EnumerablePropertySource<?>) ps).getPropertyNames()) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("otel.") || lower.startsWith("scanium.")) {
          Object value = ps.getProperty(name);
          if (value != null) {
            ours.put(lower, environment.resolvePlaceholders(value.toString()));
          }
        }
      }
      if (!ours.isEmpty()) {
        sources.merge(describe(ps.getName()), ours, (a, b) -> {
          Map<String, String> merged = new TreeMap<>(b);
          merged.putAll(a);
          return merged;
        });
      }
    }
    if (micrometerPrometheusPresent()) {
      // Both JVM exporters in one Prometheus would give the same names (jvm_memory_used_bytes,
      // process_start_time_seconds) two label sets; Micrometer's are the ones Boot users' dashboards query.
      sources.put(MICROMETER_SOURCE, Map.of("scanium.jvm.metrics", "false"));
    }
    return sources;
  }

  static boolean micrometerPrometheusPresent() {
    return ClassUtils.isPresent(MICROMETER_PROMETHEUS, SpringPropertySources.class.getClassLoader());
  }

  /** The process environment and system properties, then {@link #of}: what install will see. */
  static ConfigSource configSource(ConfigurableEnvironment environment) {
    ConfigSource source = ConfigSource.fromProcess();
    for (Map.Entry<String, Map<String, String>> e : of(environment).entrySet()) {
      source = source.withPropertySource(e.getKey(), e.getValue());
    }
    return source;
  }

  /**
   * {@code application.properties via Spring Environment} for Spring's
   * {@code Config resource 'class path resource [application.properties]' via location 'optional:classpath:/'}.
   */
  static String describe(String propertySourceName) {
    Matcher m = RESOURCE.matcher(propertySourceName);
    if (m.find()) {
      String resource = m.group(1);
      int slash = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf('\\'));
      return resource.substring(slash + 1) + " via Spring Environment";
    }
    return propertySourceName + " via Spring Environment";
  }
}
