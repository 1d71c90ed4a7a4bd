package io.scanium.telemetry.dashboard;

import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names an exposition (parsed by the project's {@link Exposition} parser) exposes to queries.
 *
 * <p>Sample lines are the truth: they carry the names exactly as Prometheus stores them, suffixes included. {@code #
 * TYPE} lines add the series names a family of that type has, so that a family without samples yet (a labelled
 * counter before its first request) counts as exposed.
 */
final class ExpositionNames {

  private ExpositionNames() {}

  /** Adds every series of the exposition, and every series its declared types imply, to the builder. */
  /** Always 1 while the Scanium library serves; the contract's names are in its docs/metrics.md. */
  static final String SCANIUM_INFO = "scanium_telemetry_info";
  static final String SCANIUM_REQUESTS = "scanium_http_requests_total";
  static final String SCANIUM_DURATION = "scanium_http_request_duration_ms";

  static void addTo(Exposition exposition, ExposedSeries.Builder builder) {
    boolean scaniumLibrary = false;
    for (Sample sample : exposition.samples()) {
      builder.metric(sample.name(), sample.labels().keySet());
      scaniumLibrary |= sample.name().equals(SCANIUM_INFO);
    }
    if (scaniumLibrary) {
      // A service with Scanium telemetry serves the HTTP contract's families from its start, but they have no series
      // before the first request, and the Prometheus client writes no TYPE line for a family without series: on a
      // fresh service they count as declared, so "no traffic yet" is not reported as a broken contract.
      builder.declared(SCANIUM_REQUESTS, List.of());
      seriesOf(SCANIUM_DURATION, "histogram", false).forEach(builder::declared);
    }
    exposition.types().forEach((family, type) -> {
      for (Map.Entry<String, List<String>> series : seriesOf(family, type, exposition.openMetrics()).entrySet()) {
        builder.declared(series.getKey(), series.getValue());
      }
    });
  }

  /** The series names, each with the labels the type itself implies, that a family of this type exposes. */
  static Map<String, List<String>> seriesOf(String family, String type, boolean openMetrics) {
    Map<String, List<String>> series = new LinkedHashMap<>();
    switch (type) {
      case "counter" -> {
        // OpenMetrics declares the family without _total; the 0.0.4 format declares the sample name itself.
        boolean needsSuffix = openMetrics && !family.endsWith("_total");
        series.put(needsSuffix ? family + "_total" : family, List.of());
      }
      case "info" -> series.put(family.endsWith("_info") ? family : family + "_info", List.of());
      case "histogram" -> {
        series.put(family + "_bucket", List.of("le"));
        series.put(family + "_count", List.of());
        series.put(family + "_sum", List.of());
      }
      case "gaugehistogram" -> {
        series.put(family + "_bucket", List.of("le"));
        series.put(family + "_gcount", List.of());
        series.put(family + "_gsum", List.of());
      }
      case "summary" -> {
        series.put(family, List.of("quantile"));
        series.put(family + "_count", List.of());
        series.put(family + "_sum", List.of());
      }
      case "stateset" -> series.put(family, List.of(family));
      default -> series.put(family, List.of());
    }
    return series;
  }
}
