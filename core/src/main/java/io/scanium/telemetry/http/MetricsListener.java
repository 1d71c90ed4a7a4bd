package io.scanium.telemetry.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.scanium.telemetry.ScaniumMetrics;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records {@code scanium_http_*}. Labelled series are looked up once per (route, method, status) and cached on the
 * route, so a request costs a few atomic adds and a bucket search, and allocates nothing but, a few times a second
 * per series, the labels of an exemplar.
 */
final class MetricsListener {

  private static final int MIN_STATUS = 100;
  private static final int STATUS_SLOTS = 500;
  private static final long DEFAULT_EXEMPLAR_INTERVAL_MILLIS = 90;

  private final Counter requests;
  private final Histogram duration;
  private final GaugeDataPoint[] inFlight = new GaugeDataPoint[HttpMethods.COUNT];
  private final String[] serviceLabelValues;
  private final long exemplarOfferIntervalNanos;

  MetricsListener(PrometheusRegistry registry, String serviceName, String environment, boolean serviceLabels) {
    String[] labels = serviceLabels
        ? new String[] {ScaniumMetrics.LABEL_METHOD, ScaniumMetrics.LABEL_ROUTE, ScaniumMetrics.LABEL_STATUS_CODE,
            ScaniumMetrics.LABEL_SERVICE_NAME, ScaniumMetrics.LABEL_DEPLOYMENT_ENVIRONMENT}
        : new String[] {ScaniumMetrics.LABEL_METHOD, ScaniumMetrics.LABEL_ROUTE, ScaniumMetrics.LABEL_STATUS_CODE};
    this.serviceLabelValues = serviceLabels ? new String[] {serviceName, environment} : new String[0];
    this.requests = Counter.builder()
        .name(ScaniumMetrics.HTTP_REQUESTS_TOTAL)
        .help("HTTP requests finished, by method, route template and status code the client received.")
        .labelNames(labels)
        .register(registry);
    this.duration = Histogram.builder()
        .name(ScaniumMetrics.HTTP_REQUEST_DURATION_MS)
        .help("HTTP request duration in milliseconds, from the first byte of the request seen by the server"
            + " instrumentation to the end of the response.")
        .labelNames(labels)
        .classicOnly()
        .classicUpperBounds(ScaniumMetrics.DURATION_BUCKETS_MS.stream().mapToDouble(Double::doubleValue).toArray())
        .withExemplars()
        .register(registry);
    String[] gaugeLabels = serviceLabels
        ? new String[] {ScaniumMetrics.LABEL_METHOD, ScaniumMetrics.LABEL_SERVICE_NAME,
            ScaniumMetrics.LABEL_DEPLOYMENT_ENVIRONMENT}
        : new String[] {ScaniumMetrics.LABEL_METHOD};
    Gauge gauge = Gauge.builder()
        .name(ScaniumMetrics.HTTP_REQUESTS_IN_FLIGHT)
        .help("HTTP requests started and not yet finished.")
        .labelNames(gaugeLabels)
        .register(registry);
    for (int i = 0; i < HttpMethods.COUNT; i++) {
      inFlight[i] = gauge.labelValues(concat(HttpMethods.NAMES[i]));
    }
    // The exemplar sampler keeps at most one exemplar per series per sample interval and drops the others after
    // they were built; building the labels (their names are validated each time) costs most of a sampled request's
    // metrics, so they are offered twice per interval: a new exemplar is still taken within half an interval.
    this.exemplarOfferIntervalNanos = TimeUnit.MILLISECONDS.toNanos(exemplarSampleIntervalMillis()) / 2;
  }

  void onStart(int methodIndex) {
    inFlight[methodIndex].inc();
  }

  void onEnd(int methodIndex, RouteTable.Route route, long startNanos, Span span, int statusCode, long endNanos) {
    inFlight[methodIndex].dec();
    Series s = series(route, methodIndex, statusCode);
    s.count.inc();
    double millis = (endNanos - startNanos) / 1_000_000.0;
    SpanContext sc = span == null ? null : span.getSpanContext();
    if (sc != null && sc.isSampled() && s.offerExemplar(endNanos, exemplarOfferIntervalNanos)) {
      s.duration.observeWithExemplar(millis, Labels.of("trace_id", sc.getTraceId(), "span_id", sc.getSpanId()));
    } else {
      s.duration.observe(millis);
    }
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
      return newSeries(route, method, status);
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
    Series created = newSeries(route, method, status);
    byStatus.compareAndSet(slot, null, created);
    return (Series) byStatus.get(slot);
  }

  private Series newSeries(RouteTable.Route route, int method, int status) {
    String[] values = concat(HttpMethods.NAMES[method], route.template, Integer.toString(status));
    return new Series(requests.labelValues(values), duration.labelValues(values));
  }

  private String[] concat(String... first) {
    String[] all = new String[first.length + serviceLabelValues.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(serviceLabelValues, 0, all, first.length, serviceLabelValues.length);
    return all;
  }

  private static final class Series {
    final CounterDataPoint count;
    final DistributionDataPoint duration;
    // When the next exemplar may be offered (the first at once); racy on purpose: two threads offering at once
    // cost one extra Labels.
    private volatile long nextExemplarNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    Series(CounterDataPoint count, DistributionDataPoint duration) {
      this.count = count;
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
