package io.scanium.telemetry.internal.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers OpenTelemetry's OTLP exporter sends for a signal, with their real values: the signal's own
 * ({@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}) when given, else the generic ones, percent-decoded. For the startup
 * probe, which must present the same credentials; never printed.
 */
public final class OtlpHeaders {

  private OtlpHeaders() {}

  /** The headers for {@code signal}; empty when none are configured or they do not parse (validation said so). */
  public static Map<String, String> of(ResolvedConfig config, Signal signal) {
    try {
      ConfigProperties otel = DefaultConfigProperties.createFromMap(config.openTelemetryProperties());
      Map<String, String> headers = otel.getMap(ConfigSource.propertyName(signal.otlpVariable("HEADERS")));
      if (headers.isEmpty()) {
        headers = otel.getMap("otel.exporter.otlp.headers");
      }
      Map<String, String> decoded = new LinkedHashMap<>();
      headers.forEach((k, v) -> decoded.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
      return decoded;
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
