package io.scanium.telemetry.internal.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code SCANIUM_*} variable the library reads. This enum is the single list: validation rejects any
 * other {@code SCANIUM_*} name (a typo must never fall back to a default silently), and the README table is
 * checked against it by a test.
 *
 * <p>Each setting can also be given as a system property: lower case, dots for underscores
 * ({@code SCANIUM_METRICS_PORT} is {@code scanium.metrics.port}). System properties win, as they do for
 * OpenTelemetry's own variables.
 */
public enum Setting {
  METRICS_PORT("9464", "Port of the dedicated scrape endpoint; `0` or `off` disables it."),
  METRICS_HOST("0.0.0.0",
      "Bind address of the scrape endpoint. All interfaces by default, so a scraper in another container reaches it."),
  METRICS_PATH("/metrics", "Path of the scrape endpoint."),
  JVM_METRICS("true", "Expose JVM runtime metrics (memory, GC, threads, classes) in the same scrape."),
  METRICS_SERVICE_LABELS("true",
      "Put `service_name` and `deployment_environment` on every `scanium_*` series. Set `false` when the scraper "
          + "adds them."),
  LOCAL_DEVELOPMENT("false",
      "Accept OpenTelemetry's localhost default when no OTLP endpoint is configured (local development only)."),
  ALLOW_NONSTANDARD_OTLP_PORT("false",
      "Accept http/protobuf aimed at port 4317 or grpc aimed at port 4318 (only for collectors on non-standard "
          + "ports)."),
  REGISTER_GLOBAL("true", "Register the SDK as `GlobalOpenTelemetry`, so other OpenTelemetry instrumentation joins "
      + "it."),
  SHUTDOWN_TIMEOUT("5s", "Deadline for flushing spans and logs at shutdown (`500ms`, `5s`, or milliseconds)."),
  STARTUP_REPORT("true", "Print the startup report on stderr."),
  HTTP_MAX_ROUTES("500",
      "Distinct `route` label values kept; further routes are recorded as `__overflow__` with a one-time warning."),
  HTTP_CAPTURE_QUERY("true", "Record the query string as the span attribute `url.query`, with the values of"
      + " sensitive parameters (tokens, keys, signatures, passwords: see docs/reliability.md) replaced by `REDACTED`;"
      + " metrics never carry it."),
  HTTP_QUERY_REDACT("none", "Further query parameter names (comma-separated, case-insensitive) whose values"
      + " `url.query` redacts, beside the built-in list."),
  LOGS_REQUIRED("false",
      "Fail startup when SLF4J logs cannot be exported (no supported logging backend on the classpath)."),
  LOGS_LEVEL("INFO", "Minimum level of SLF4J events exported over OTLP, independent of the console level."),
  STARTUP_PROBE("warn", "At startup, ask each OTLP collector endpoint with an empty export whether it takes the"
      + " signal, and say what is wrong with the fix: `warn` (in the background, one line per signal), `fail` (refuse"
      + " to start unless every endpoint answers, waiting at most 5 s), or `off`."),
  METRICS_USERNAME("", "With `SCANIUM_METRICS_PASSWORD`: the scrape endpoint asks for HTTP basic authentication"
      + " (Prometheus' `basic_auth`)."),
  METRICS_PASSWORD("", "Basic authentication's password; never printed."),
  METRICS_BEARER_TOKEN("", "The scrape endpoint asks for `Authorization: Bearer <token>` (Prometheus'"
      + " `authorization`); never printed. Not with basic authentication."),
  METRICS_TLS_KEYSTORE("", "A PKCS#12 keystore with the key and certificate: the scrape endpoint speaks HTTPS."),
  METRICS_TLS_KEYSTORE_PASSWORD("", "The keystore's password; never printed."),
  METRICS_WATCHDOG("5m", "Warn on stderr when no scraper has read the scrape endpoint for this long, after start or"
      + " since the last scrape (`30s`, `5m`; `off` disables)."),
  METRICS_ACTUATOR("false",
      "With scanium-telemetry-spring-boot and Actuator's Prometheus endpoint: one registry, so "
          + "`/actuator/prometheus` serves the `scanium_*` series too."),
  SERVLET_AUTO_REGISTER("true",
      "With scanium-telemetry-servlet on the classpath, register the filter in every web application automatically.");

  private final String defaultValue;
  private final String description;

  Setting(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The environment variable, e.g. {@code SCANIUM_METRICS_PORT}. */
  public String variable() {
    return "SCANIUM_" + name();
  }

  /** The equivalent system property, e.g. {@code scanium.metrics.port}. */
  public String systemProperty() {
    return variable().toLowerCase(Locale.ROOT).replace('_', '.');
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The setting a variable or system property name stands for, if it is one of ours. */
  public static Optional<Setting> byVariable(String variable) {
    for (Setting s : values()) {
      if (s.variable().equals(variable) || s.systemProperty().equals(variable)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
