package io.scanium.telemetry.spring.boot;

import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Refuses, before anything is installed, an OpenTelemetry SDK or Prometheus client older than the library runs on.
 * Spring Boot pins both (an application's Boot wins over our BOM), and Boot 3.4 and older pin versions older than
 * the floor: without this check the first request would fail with a {@code NoSuchMethodError}. The message names
 * the version found, the one needed and Boot's property that fixes it.
 */
final class DependencyVersions {

  /** The oldest versions the library compiles and tests against: those Spring Boot 3.5 manages. */
  static final String OPENTELEMETRY_MINIMUM = "1.49.0";
  static final String PROMETHEUS_MINIMUM = "1.3.10";

  private DependencyVersions() {}

  static void check(ClassLoader loader) {
    List<Problem> problems = new ArrayList<>();
    read(loader, "io/opentelemetry/sdk/common/version.properties", "sdk.version")
        .flatMap(v -> problem("opentelemetry.version", "opentelemetry-sdk", v, OPENTELEMETRY_MINIMUM))
        .ifPresent(problems::add);
    read(loader, "META-INF/maven/io.prometheus/prometheus-metrics-core/pom.properties", "version")
        .flatMap(v -> problem("prometheus-client.version", "prometheus-metrics-core", v, PROMETHEUS_MINIMUM))
        .ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new TelemetryConfigurationException(problems);
    }
  }

  /** The problem with {@code found}, if it is older than {@code minimum}. */
  static Optional<Problem> problem(String bootProperty, String artifact, String found, String minimum) {
    if (compare(found, minimum) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new Problem(bootProperty, "\"" + found + "\" (" + artifact + " on the classpath)",
        "older than " + minimum + ", the oldest version Scanium telemetry runs on (Spring Boot 3.4 and older manage"
            + " such versions); requests would fail with NoSuchMethodError.",
        "upgrade to Spring Boot 3.5 or later, or set the build property " + bootProperty + " to " + minimum
            + " or later (Maven: <" + bootProperty + ">" + minimum + "</" + bootProperty + ">; Gradle: ext['"
            + bootProperty + "'] = '" + minimum + "')."));
  }

  /** Compares dotted numeric versions ({@code 1.49.0}, {@code 1.4.3}); a suffix ({@code -alpha}) is ignored. */
  static int compare(String a, String b) {
    String[] x = a.split("-", 2)[0].split("\\.");
    String[] y = b.split("-", 2)[0].split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int part(String[] parts, int i) {
    if (i >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[i].trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A version from a resource of the dependency's jar; empty when the jar does not carry it (repackaged, shaded). */
  private static Optional<String> read(ClassLoader loader, String resource, String key) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      Properties p = new Properties();
      p.load(in);
      return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
