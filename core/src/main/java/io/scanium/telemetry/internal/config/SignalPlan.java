package io.scanium.telemetry.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one signal goes, as validated: what the startup report prints and what the export-health messages name.
 *
 * @param signal the signal
 * @param exporters the exporter names configured ({@code otlp}, {@code console}, {@code none})
 * @param exportersValue where the exporter list came from
 * @param protocol the OTLP protocol, when OTLP is used
 * @param url the full URL the OTLP exporter will POST to, when OTLP is used, as messages show it: any credentials in
 *     it replaced by {@code ****}
 * @param endpointValue the variable the URL was derived from; empty when it is OpenTelemetry's default
 * @param headers header names with masked values, when OTLP is used
 * @param timeout the export timeout and where it came from, when OTLP is used
 */
public record SignalPlan(
    Signal signal,
    List<String> exporters,
    ConfigValue exportersValue,
    Optional<ConfigValue> protocol,
    Optional<String> url,
    Optional<ConfigValue> endpointValue,
    Map<String, String> headers,
    Optional<ConfigValue> timeout) {

  /** Whether the OTLP exporter is among this signal's exporters. */
  public boolean otlp() {
    return exporters.contains("otlp");
  }

  /** Whether anything is exported for this signal at all. */
  public boolean exported() {
    return !exporters.isEmpty() && !exporters.equals(List.of("none"));
  }
}
