package io.scanium.telemetry.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.scanium.telemetry.ScaniumMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records {@code scanium_http_*}. A request costs one {@link LongAdder} increment at its start and one histogram
 * observation at its end, into a series looked up once per (route, method, status) and cached on the route; it
 * allocates nothing but, a few times a second per series, the labels of an exemplar.
 *
 * <p>Only the duration histogram is recorded. The request counter and the in-flight gauge are derived from it when
 * the registry is scraped: {@code scanium_http_requests_total} is each series' observation count (so it always
 * equals {@code _count}, in every scrape), and {@code scanium_http_requests_in_flight} is the requests started
 * minus those counted, per method. Two atomic updates per request are saved that way, and three metrics stay
 * consistent with each other by construction.
 */
final class MetricsListener implements MultiCollector {

  private static final int MIN_STATUS = 100;
  private static final int STATUS_SLOTS = 500;
  private static final long DEFAULT_EXEMPLAR_INTERVAL_MILLIS = 90;

  private final Histogram duration;
  private final LongAdder[] started = new LongAdder[HttpMethods.COUNT];
  private final Labels[] inFlightLabels = new Labels[HttpMethods.COUNT];
  private final String[] serviceLabelValues;
  private final long exemplarOfferIntervalNanos;
  private final MetricMetadata requestsMetadata;
  private final MetricMetadata inFlightMetadata;

  MetricsListener(PrometheusRegistry registry, String serviceName, String environment, boolean serviceLabels) {
    String[] labels = serviceLabels
        ? new String[] {ScaniumMetrics.LABEL_METHOD, ScaniumMetrics.LABEL_ROUTE, ScaniumMetrics.LABEL_STATUS_CODE,
            ScaniumMetrics.LABEL_SERVICE_NAME, ScaniumMetrics.LABEL_DEPLOYMENT_ENVIRONMENT}
        : new String[] {ScaniumMetrics.LABEL_METHOD, ScaniumMetrics.LABEL_ROUTE, ScaniumMetrics.LABEL_STATUS_CODE};
    this.serviceLabelValues = serviceLabels ? new String[] {serviceName, environment} : new String[0];
    // Built, not registered: this listener is the registered collector, and exposes the histogram with the two
    // metrics derived from it.
    this.duration = Histogram.builder()
        .name(ScaniumMetrics.HTTP_REQUEST_DURATION_MS)
        .help("HTTP request duration in milliseconds, from the first byte of the request seen by the server"
            + " instrumentation to the end of the response.")
        .labelNames(labels)
        .classicOnly()
        .classicUpperBounds(ScaniumMetrics.DURATION_BUCKETS_MS.stream().mapToDouble(Double::doubleValue).toArray())
        .withExemplars()
        .build();
    String requestsTotal = ScaniumMetrics.HTTP_REQUESTS_TOTAL;
    this.requestsMetadata = new MetricMetadata(requestsTotal.substring(0, requestsTotal.length() - "_total".length()),
        "HTTP requests finished, by method, route template and status code the client received.");
    this.inFlightMetadata = new MetricMetadata(ScaniumMetrics.HTTP_REQUESTS_IN_FLIGHT,
        "HTTP requests started and not yet finished.");
    String[] gaugeLabels = serviceLabels
        ? new String[] {ScaniumMetrics.LABEL_METHOD, ScaniumMetrics.LABEL_SERVICE_NAME,
            ScaniumMetrics.LABEL_DEPLOYMENT_ENVIRONMENT}
        : new String[] {ScaniumMetrics.LABEL_METHOD};
    for (int i = 0; i < HttpMethods.COUNT; i++) {
      started[i] = new LongAdder();
      inFlightLabels[i] = Labels.of(gaugeLabels, concat(HttpMethods.NAMES[i]));
    }
    // The exemplar sampler keeps at most one exemplar per series per sample interval and drops the others after
    // they were built; building the labels (their names are validated each time) costs most of a sampled request's
    // metrics, so they are offered twice per interval: a new exemplar is still taken within half an interval.
    this.exemplarOfferIntervalNanos = TimeUnit.MILLISECONDS.toNanos(exemplarSampleIntervalMillis()) / 2;
    registry.register(this);
  }

  void onStart(int methodIndex) {
    started[methodIndex].increment();
  }

  void onEnd(int methodIndex, RouteTable.Route route, long startNanos, Span span, int statusCode, long endNanos) {
    Series s = series(route, methodIndex, statusCode);
    double millis = (endNanos - startNanos) / 1_000_000.0;
    SpanContext sc = span == null ? null : span.getSpanContext();
    if (sc != null && sc.isSampled() && s.offerExemplar(endNanos, exemplarOfferIntervalNanos)) {
      s.duration.observeWithExemplar(millis, Labels.of("trace_id", sc.getTraceId(), "span_id", sc.getSpanId()));
    } else if (Span.current().getSpanContext().isSampled()) {
      // Given no exemplar, Prometheus' sampler takes the span current on this thread, which may be the
      // application's (Vert.x ends requests inside handlers' spans), and writes exemplar=true onto it: exemplars
      // must point at the server span only, and the library must never write to a span it does not own.
      try (Scope ignored = Context.root().makeCurrent()) {
        s.duration.observe(millis);
      }
    } else {
      s.duration.observe(millis);
    }
  }

  @Override
  public MetricSnapshots collect() {
    // The histogram before the starts: every request it counts was started before, so started - counted is never
    // below the true number in flight (a request that ends between the two reads is counted in flight once more).
    HistogramSnapshot histogram = duration.collect();
    long[] ended = new long[HttpMethods.COUNT];
    List<CounterDataPointSnapshot> counts = new ArrayList<>(histogram.getDataPoints().size());
    for (HistogramSnapshot.HistogramDataPointSnapshot p : histogram.getDataPoints()) {
      CounterDataPointSnapshot.Builder c = CounterDataPointSnapshot.builder()
          .labels(p.getLabels())
          .value(p.getCount());
      if (p.hasCreatedTimestamp()) {
        c.createdTimestampMillis(p.getCreatedTimestampMillis());
      }
      // No exemplar on the counter: its value would be a duration, which Grafana would plot on a request-rate axis.
      counts.add(c.build());
      ended[HttpMethods.index(p.getLabels().get(ScaniumMetrics.LABEL_METHOD))] += p.getCount();
    }
    List<GaugeDataPointSnapshot> inFlight = new ArrayList<>(HttpMethods.COUNT);
    for (int i = 0; i < HttpMethods.COUNT; i++) {
      inFlight.add(GaugeDataPointSnapshot.builder()
          .labels(inFlightLabels[i])
          .value(Math.max(0, started[i].sum() - ended[i]))
          .build());
    }
    return new MetricSnapshots(new CounterSnapshot(requestsMetadata, counts), histogram,
        new GaugeSnapshot(inFlightMetadata, inFlight));
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(requestsMetadata.getPrometheusName(), ScaniumMetrics.HTTP_REQUEST_DURATION_MS,
        inFlightMetadata.getPrometheusName());
  }

  private static long exemplarSampleIntervalMillis() {
    try {
      Integer configured = PrometheusProperties.get().getExemplarProperties().getSampleIntervalMilliseconds();
      return configured != null && configured > 0 ? configured : DEFAULT_EXEMPLAR_INTERVAL_MILLIS;
    } catch (RuntimeException e) {
      // A malformed prometheus.properties is reported by the metrics themselves; the default interval is safe.
      return DEFAULT_EXEMPLAR_INTERVAL_MILLIS;
    }
  }

  private Series series(RouteTable.Route route, int method, int status) {
    int slot = status - MIN_STATUS;
    if (slot < 0 || slot >= STATUS_SLOTS) {
      // Not a status the cache has a slot for (a framework reporting 0 or 999): looked up each time.
      return new Series(duration.labelValues(labelValues(route, method, status)));
    }
    AtomicReferenceArray<Object> byStatus = route.series.get(method);
    if (byStatus == null) {
      route.series.compareAndSet(method, null, new AtomicReferenceArray<>(STATUS_SLOTS));
      byStatus = route.series.get(method);
    }
    Object cached = byStatus.get(slot);
    if (cached != null) {
      return (Series) cached;
    }
    Series created = new Series(duration.labelValues(labelValues(route, method, status)));
    byStatus.compareAndSet(slot, null, created);
    return (Series) byStatus.get(slot);
  }

  private String[] labelValues(RouteTable.Route route, int method, int status) {
    return concat(HttpMethods.NAMES[method], route.template, Integer.toString(status));
  }

  private String[] concat(String... first) {
    String[] all = new String[first.length + serviceLabelValues.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(serviceLabelValues, 0, all, first.length, serviceLabelValues.length);
    return all;
  }

  /** A cached series: the histogram's data point and when it may next take an exemplar. */
  private static final class Series {
    final DistributionDataPoint duration;
    // When the next exemplar may be offered (the first at once); racy on purpose: two threads offering at once
    // cost one extra Labels.
    private volatile long nextExemplarNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    Series(DistributionDataPoint duration) {
      this.duration = duration;
    }

    boolean offerExemplar(long nowNanos, long intervalNanos) {
      if (nowNanos - nextExemplarNanos < 0) {
        return false;
      }
      nextExemplarNanos = nowNanos + intervalNanos;
      return true;
    }
  }
}
