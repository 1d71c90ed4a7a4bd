package io.scanium.telemetry.internal.health;

import io.scanium.telemetry.internal.config.Signal;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of the libraries behind a signal as found at run time, for the message that says why a signal was
 * switched off: from each jar's manifest ({@code Implementation-Version}), else from the jar's file name. Looked up
 * by class name, so a missing library is named as missing instead of failing.
 */
public final class ClassPathVersions {

  private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+(?:\\.\\d+)+[^/]*?)\\.jar$");

  private ClassPathVersions() {}

  static String describe(Signal signal) {
    List<String> parts = new ArrayList<>();
    parts.add(version("opentelemetry-api", "io.opentelemetry.api.OpenTelemetry"));
    switch (signal) {
      case METRICS:
        parts.clear();
        parts.add(version("prometheus-metrics-core", "io.prometheus.metrics.core.metrics.Histogram"));
        parts.add(version("prometheus-metrics-model", "io.prometheus.metrics.model.registry.PrometheusRegistry"));
        break;
      case TRACES:
        parts.add(version("opentelemetry-sdk-trace", "io.opentelemetry.sdk.trace.SdkTracerProvider"));
        break;
      default:
        parts.add(version("opentelemetry-sdk-logs", "io.opentelemetry.sdk.logs.SdkLoggerProvider"));
        parts.add(version("opentelemetry-logback-appender-1.0",
            "io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender"));
        parts.add(version("opentelemetry-log4j-appender-2.17",
            "io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender"));
        parts.add(version("logback-classic", "ch.qos.logback.classic.LoggerContext"));
        parts.add(version("log4j-core", "org.apache.logging.log4j.core.LoggerContext"));
        parts.add(version("slf4j-api", "org.slf4j.LoggerFactory"));
    }
    return String.join(", ", parts);
  }

  static String version(String artifact, String className) {
    try {
      String v = versionOf(Class.forName(className, false, ClassPathVersions.class.getClassLoader()));
      return artifact + " " + (v == null ? "(version unknown)" : v);
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      return artifact + " (absent)";
    }
  }

  /**
   * The version of the jar {@code c} was loaded from: its manifest's {@code Implementation-Version}, else the version
   * in the jar's file name (Logback 1.2's manifest has none); null when neither says.
   */
  public static String versionOf(Class<?> c) {
    try {
      Package p = c.getPackage();
      String v = p == null ? null : p.getImplementationVersion();
      return v != null ? v : fromJarName(c);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static String fromJarName(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      return null;
    }
    Matcher m = JAR_VERSION.matcher(location.getPath());
    return m.find() ? m.group(1) : null;
  }
}
