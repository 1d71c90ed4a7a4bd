package io.scanium.telemetry.internal.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where one signal's OTLP exports really go, with real values: the full URL (credentials included) and the headers
 * (percent-decoded). Computed once by the signal rules; the exporter is configured from it, the startup probe
 * presents it, and the report and health messages show its masked form ({@link SignalPlan#url()},
 * {@link SignalPlan#headers()}), so what is printed is what is sent. Never printed itself.
 *
 * @param url the URL the exporter POSTs to
 * @param headers the headers the exporter sends, by name
 */
public record OtlpTarget(String url, Map<String, String> headers) {

  public OtlpTarget {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The URL as messages show it: credentials replaced by {@code ****}. */
  public String shownUrl() {
    return Redact.url(url);
  }

  /**
   * The headers in OpenTelemetry's property format ({@code name=value,...}), values percent-encoded as the exporter
   * decodes them, so that handing them back to autoconfigure reproduces {@link #headers()} exactly.
   */
  String headersProperty() {
    return headers.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return "OtlpTarget[" + shownUrl() + ", headers " + headers.keySet() + "]";
  }
}
