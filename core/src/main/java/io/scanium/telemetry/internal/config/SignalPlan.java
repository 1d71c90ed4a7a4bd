package io.scanium.telemetry.internal.config;

import java.util.LinkedHashMap;
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
 * @param target where the OTLP exporter sends, with real values, when OTLP is used: the exporter is configured from
 *     it, so what {@link #url()} and {@link #headers()} show is what is sent
 * @param endpointValue the variable the URL was derived from; empty when it is OpenTelemetry's default
 * @param timeout the export timeout and where it came from, when OTLP is used
 */
public record SignalPlan(
    Signal signal,
    List<String> exporters,
    ConfigValue exportersValue,
    Optional<ConfigValue> protocol,
    Optional<OtlpTarget> target,
    Optional<ConfigValue> endpointValue,
    Optional<ConfigValue> timeout) {

  /** The URL the OTLP exporter POSTs to as messages show it (credentials masked), when OTLP is used. */
  public Optional<String> url() {
    return target.map(OtlpTarget::shownUrl);
  }

  /** The header names the OTLP exporter sends, each with the value {@code ****}. */
  public Map<String, String> headers() {
    Map<String, String> masked = new LinkedHashMap<>();
    target.ifPresent(t -> t.headers().keySet().forEach(name -> masked.put(name, "****")));
    return masked;
  }

  /** Whether the OTLP exporter is among this signal's exporters. */
  public boolean otlp() {
    return exporters.contains("otlp");
  }

  /** Whether anything is exported for this signal at all. */
  public boolean exported() {
    return !exporters.isEmpty() && !exporters.equals(List.of("none"));
  }
}
