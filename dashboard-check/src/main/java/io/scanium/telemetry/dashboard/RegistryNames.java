package io.scanium.telemetry.dashboard;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.List;
import java.util.Map;

/**
 * Names of registry metrics that have no data point yet.
 *
 * <p>The text format writer leaves such metrics out entirely, yet they are part of the service's contract: a
 * labelled counter exists from startup even though its first series appears with the first request. Their names are
 * derived here the way the writer would suffix them; their labels stay unknown.
 */
final class RegistryNames {

  private RegistryNames() {}

  static void declareEmpty(MetricSnapshots snapshots, ExposedSeries.Builder builder) {
    for (MetricSnapshot snapshot : snapshots) {
      if (!snapshot.getDataPoints().isEmpty()) {
        continue;
      }
      // The registry's Prometheus name has the _total/_info suffix stripped, as in OpenMetrics.
      String family = snapshot.getMetadata().getPrometheusName();
      for (Map.Entry<String, List<String>> series :
          ExpositionNames.seriesOf(family, typeOf(snapshot), true).entrySet()) {
        builder.declared(series.getKey(), series.getValue());
      }
    }
  }

  private static String typeOf(MetricSnapshot snapshot) {
    if (snapshot instanceof CounterSnapshot) {
      return "counter";
    }
    if (snapshot instanceof HistogramSnapshot histogram) {
      return histogram.isGaugeHistogram() ? "gaugehistogram" : "histogram";
    }
    if (snapshot instanceof SummarySnapshot) {
      return "summary";
    }
    if (snapshot instanceof InfoSnapshot) {
      return "info";
    }
    if (snapshot instanceof StateSetSnapshot) {
      return "stateset";
    }
    return "gauge";
  }
}
