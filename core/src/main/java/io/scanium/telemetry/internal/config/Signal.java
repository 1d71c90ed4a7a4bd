package io.scanium.telemetry.internal.config;

import java.util.Locale;

/** The three OpenTelemetry signals and the names under which each is configured. */
public enum Signal {
  TRACES("spans"),
  LOGS("log records"),
  METRICS("metric points");

  private final String items;

  Signal(String items) {
    this.items = items;
  }

  /** {@code traces}, {@code logs}, {@code metrics}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What one exported item of this signal is called in messages. */
  public String items() {
    return items;
  }

  /** {@code OTEL_TRACES_EXPORTER}. */
  public String exporterVariable() {
    return "OTEL_" + name() + "_EXPORTER";
  }

  /** {@code OTEL_EXPORTER_OTLP_TRACES_<suffix>}, e.g. {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. */
  public String otlpVariable(String suffix) {
    return "OTEL_EXPORTER_OTLP_" + name() + "_" + suffix;
  }

  /** The path OTLP/HTTP appends to a generic endpoint: {@code /v1/traces}. */
  public String httpPath() {
    return "/v1/" + id();
  }
}
