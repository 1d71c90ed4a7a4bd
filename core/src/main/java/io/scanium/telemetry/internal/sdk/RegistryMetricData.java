package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoubleExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus registry's snapshot as OpenTelemetry metric data, for the SDK's OTLP exporter to push: the series
 * that land in Prometheus or Mimir after their OTLP translation are exactly the scrape's (see
 * {@code docs/otlp-metrics.md}).
 *
 * <p>Every metric is named with its full Prometheus name (a counter's with {@code _total}, an info's with
 * {@code _info}) and has no unit: the translation then has nothing to add, whether it adds suffixes (Prometheus'
 * default, Alloy's {@code add_metric_suffixes}, Mimir with suffixes enabled) or not (Mimir's default). A unit of
 * {@code ms} would make {@code scanium_http_request_duration_ms_milliseconds_bucket} of the histogram. The labels are
 * data-point attributes with the scrape's label names, so {@code service_name} and {@code deployment_environment}
 * stay labels instead of becoming {@code job} and {@code target_info}. Everything is cumulative, as scraped; the
 * histograms carry the scrape's exemplars, which the translation keeps on the {@code _bucket} series.
 */
final class RegistryMetricData {

  private final InstrumentationScopeInfo scope;
  private final long startEpochNanos;

  RegistryMetricData(InstrumentationScopeInfo scope, long startEpochNanos) {
    this.scope = scope;
    this.startEpochNanos = startEpochNanos;
  }

  List<MetricData> convert(MetricSnapshots snapshots, Resource resource, long nowEpochNanos) {
    List<MetricData> out = new ArrayList<>(snapshots.size());
    for (MetricSnapshot s : snapshots) {
      String name = s.getMetadata().getPrometheusName();
      String help = s.getMetadata().getHelp() == null ? "" : s.getMetadata().getHelp();
      if (s instanceof CounterSnapshot c) {
        List<DoublePointData> points = new ArrayList<>();
        c.getDataPoints().forEach(p -> points.add(point(p, nowEpochNanos, p.getValue())));
        out.add(ImmutableMetricData.createDoubleSum(resource, scope, name + "_total", help, "",
            ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points)));
      } else if (s instanceof GaugeSnapshot g) {
        List<DoublePointData> points = new ArrayList<>();
        g.getDataPoints().forEach(p -> points.add(point(p, nowEpochNanos, p.getValue())));
        out.add(gauge(resource, name, help, points));
      } else if (s instanceof UnknownSnapshot u) {
        List<DoublePointData> points = new ArrayList<>();
        u.getDataPoints().forEach(p -> points.add(point(p, nowEpochNanos, p.getValue())));
        out.add(gauge(resource, name, help, points));
      } else if (s instanceof InfoSnapshot i) {
        List<DoublePointData> points = new ArrayList<>();
        i.getDataPoints().forEach(p -> points.add(point(p, nowEpochNanos, 1)));
        out.add(gauge(resource, name + "_info", help, points));
      } else if (s instanceof StateSetSnapshot st) {
        List<DoublePointData> points = new ArrayList<>();
        for (StateSetSnapshot.StateSetDataPointSnapshot p : st.getDataPoints()) {
          for (int k = 0; k < p.size(); k++) {
            Attributes attributes = attributes(p.getLabels()).toBuilder().put(name, p.getName(k)).build();
            points.add(ImmutableDoublePointData.create(start(p), nowEpochNanos, attributes, p.isTrue(k) ? 1 : 0));
          }
        }
        out.add(gauge(resource, name, help, points));
      } else if (s instanceof HistogramSnapshot h) {
        List<HistogramPointData> points = new ArrayList<>();
        h.getDataPoints().forEach(p -> points.add(histogramPoint(p, nowEpochNanos)));
        out.add(ImmutableMetricData.createDoubleHistogram(resource, scope, name, help, "",
            ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points)));
      } else if (s instanceof SummarySnapshot sum) {
        List<SummaryPointData> points = new ArrayList<>();
        for (SummarySnapshot.SummaryDataPointSnapshot p : sum.getDataPoints()) {
          List<ValueAtQuantile> quantiles = new ArrayList<>();
          for (Quantile q : p.getQuantiles()) {
            quantiles.add(ImmutableValueAtQuantile.create(q.getQuantile(), q.getValue()));
          }
          points.add(ImmutableSummaryPointData.create(start(p), nowEpochNanos, attributes(p.getLabels()),
              p.hasCount() ? p.getCount() : 0, p.hasSum() ? p.getSum() : 0, quantiles));
        }
        out.add(ImmutableMetricData.createDoubleSummary(resource, scope, name, help, "",
            ImmutableSummaryData.create(points)));
      }
    }
    return out;
  }

  private MetricData gauge(Resource resource, String name, String help, List<DoublePointData> points) {
    return ImmutableMetricData.createDoubleGauge(resource, scope, name, help, "", ImmutableGaugeData.create(points));
  }

  private DoublePointData point(DataPointSnapshot p, long now, double value) {
    return ImmutableDoublePointData.create(start(p), now, attributes(p.getLabels()), value);
  }

  /**
   * Prometheus' classic buckets count each bucket on its own, with {@code +Inf} last; OpenTelemetry's explicit
   * buckets too, with the bounds but {@code +Inf}. A histogram with native buckets only has one bucket, everything.
   */
  private HistogramPointData histogramPoint(HistogramSnapshot.HistogramDataPointSnapshot p, long now) {
    ClassicHistogramBuckets buckets = p.getClassicBuckets();
    List<Double> bounds = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long count = 0;
    for (int i = 0; i < buckets.size(); i++) {
      if (!Double.isInfinite(buckets.getUpperBound(i))) {
        bounds.add(buckets.getUpperBound(i));
      }
      counts.add(buckets.getCount(i));
      count += buckets.getCount(i);
    }
    if (counts.size() == bounds.size()) {
      counts.add(Math.max(0, (p.hasCount() ? p.getCount() : 0) - count));
    }
    return ImmutableHistogramPointData.create(start(p), now, attributes(p.getLabels()), p.hasSum() ? p.getSum() : 0,
        false, 0, false, 0, bounds, counts, exemplars(p.getExemplars(), now));
  }

  /** The scrape's exemplars ({@code trace_id}, {@code span_id}) as OpenTelemetry's, which carry a span context. */
  private static List<DoubleExemplarData> exemplars(Exemplars exemplars, long now) {
    List<DoubleExemplarData> out = new ArrayList<>(exemplars.size());
    for (Exemplar e : exemplars) {
      Labels labels = e.getLabels();
      String traceId = labels.get(Exemplar.TRACE_ID);
      String spanId = labels.get(Exemplar.SPAN_ID);
      SpanContext context = traceId == null || spanId == null ? SpanContext.getInvalid()
          : SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
      AttributesBuilder filtered = Attributes.builder();
      for (int i = 0; i < labels.size(); i++) {
        if (!labels.getName(i).equals(Exemplar.TRACE_ID) && !labels.getName(i).equals(Exemplar.SPAN_ID)) {
          filtered.put(labels.getPrometheusName(i), labels.getValue(i));
        }
      }
      out.add(ImmutableDoubleExemplarData.create(filtered.build(),
          e.hasTimestamp() ? TimeUnit.MILLISECONDS.toNanos(e.getTimestampMillis()) : now, context, e.getValue()));
    }
    return out;
  }

  private long start(DataPointSnapshot p) {
    return p.hasCreatedTimestamp() ? TimeUnit.MILLISECONDS.toNanos(p.getCreatedTimestampMillis()) : startEpochNanos;
  }

  private static Attributes attributes(Labels labels) {
    AttributesBuilder b = Attributes.builder();
    for (int i = 0; i < labels.size(); i++) {
      b.put(labels.getPrometheusName(i), labels.getValue(i));
    }
    return b.build();
  }
}
