package io.scanium.telemetry.testsupport;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.scanium.telemetry.exposition.Sample;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Prometheus, Mimir or Alloy store for an OTLP metrics request: the translation rules, written once, from
 * their source (prometheus/otlptranslator {@code metric_namer.go}, {@code label_namer.go}, {@code unit_namer.go};
 * Prometheus {@code storage/remote/otlptranslator/prometheusremotewrite} for the series of each point type and the
 * {@code job}/{@code instance} labels). See {@code docs/otlp-metrics.md} for the rules in words.
 */
public final class OtlpToPrometheus {

  /** The two ways the receivers name metrics. */
  public enum Strategy {
    /**
     * Prometheus' default ({@code UnderscoreEscapingWithSuffixes}), Alloy's {@code otelcol.exporter.prometheus}
     * ({@code add_metric_suffixes = true}, its default), Mimir with {@code -distributor.otel-metric-suffixes-enabled}.
     */
    WITH_SUFFIXES,
    /** Mimir's default (suffixes not enabled), Prometheus' {@code UnderscoreEscapingWithoutSuffixes}. */
    WITHOUT_SUFFIXES
  }

  private static final Pattern NOT_NAME_CHAR = Pattern.compile("[^a-zA-Z0-9:]+");
  private static final Pattern NOT_NAME_CHAR_OR_UNDERSCORE = Pattern.compile("[^a-zA-Z0-9:_]+");
  private static final Pattern NOT_LABEL_CHAR = Pattern.compile("[^a-zA-Z0-9_]");
  private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("d", "days"), Map.entry("h", "hours"),
      Map.entry("min", "minutes"), Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"),
      Map.entry("us", "microseconds"), Map.entry("ns", "nanoseconds"), Map.entry("By", "bytes"),
      Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"), Map.entry("GiBy", "gibibytes"),
      Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"), Map.entry("J", "joules"),
      Map.entry("W", "watts"), Map.entry("g", "grams"), Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"),
      Map.entry("1", ""), Map.entry("%", "percent"));
  private static final Map<String, String> PER_UNITS = Map.of("s", "second", "m", "minute", "h", "hour",
      "d", "day", "w", "week", "mo", "month", "y", "year");

  private OtlpToPrometheus() {}

  /** Every sample the requests become, in order; a later request's sample of the same series replaces none. */
  public static List<Sample> translate(List<ExportMetricsServiceRequest> requests, Strategy strategy) {
    List<Sample> out = new ArrayList<>();
    for (ExportMetricsServiceRequest request : requests) {
      for (ResourceMetrics rm : request.getResourceMetricsList()) {
        Map<String, String> target = targetLabels(rm.getResource().getAttributesList());
        for (ScopeMetrics sm : rm.getScopeMetricsList()) {
          for (Metric m : sm.getMetricsList()) {
            translate(m, target, strategy, out);
          }
        }
      }
    }
    return out;
  }

  /** The metric name the receiver stores, before any {@code _bucket}/{@code _sum}/{@code _count}. */
  public static String metricName(Metric m, Strategy strategy) {
    if (strategy == Strategy.WITHOUT_SUFFIXES) {
      return Arrays.stream(NOT_NAME_CHAR_OR_UNDERSCORE.split(m.getName())).filter(t -> !t.isEmpty())
          .collect(Collectors.joining("_"));
    }
    // normalizeName: tokens of valid characters (which collapses repeated underscores), the unit's tokens unless
    // already there, then "total" moved to the end of a monotonic sum, "ratio" to the end of a gauge in unit 1.
    List<String> tokens = new ArrayList<>(Arrays.stream(NOT_NAME_CHAR.split(m.getName())).filter(t -> !t.isEmpty())
        .toList());
    String unit = m.getUnit().replaceAll("\\{[^}]*}", "").trim();
    String main = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
    String per = unit.contains("/") ? unit.substring(unit.indexOf('/') + 1) : "";
    String mainSuffix = clean(UNITS.getOrDefault(main, main));
    String perSuffix = per.isEmpty() ? "" : clean("per_" + PER_UNITS.getOrDefault(per, per));
    if (!mainSuffix.isEmpty() && !tokens.contains(mainSuffix)) {
      tokens.add(mainSuffix);
    }
    if (!perSuffix.isEmpty() && !perSuffix.equals("per") && !tokens.contains(perSuffix)) {
      tokens.add(perSuffix);
    }
    if (m.hasSum() && m.getSum().getIsMonotonic()) {
      tokens.removeIf("total"::equals);
      tokens.add("total");
    }
    if (m.getUnit().equals("1") && m.hasGauge()) {
      tokens.removeIf("ratio"::equals);
      tokens.add("ratio");
    }
    String name = String.join("_", tokens);
    return !name.isEmpty() && Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  /** A label name as the receiver stores an attribute key. */
  public static String labelName(String key) {
    String name = NOT_LABEL_CHAR.matcher(key).replaceAll("_").replaceAll("_{2,}", "_");
    return Character.isDigit(name.charAt(0)) ? "key_" + name : name;
  }

  /** {@code le} and {@code quantile} values as Prometheus formats them (Go's 'f', -1): 5, not 5.0. */
  public static String formatBound(double bound) {
    if (Double.isInfinite(bound)) {
      return bound > 0 ? "+Inf" : "-Inf";
    }
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }

  private static void translate(Metric m, Map<String, String> target, Strategy strategy, List<Sample> out) {
    String name = metricName(m, strategy);
    switch (m.getDataCase()) {
      case GAUGE -> m.getGauge().getDataPointsList().forEach(p -> out.add(number(name, p, target)));
      // A non-monotonic sum is stored as a gauge, a monotonic one as a counter: the same sample either way.
      case SUM -> m.getSum().getDataPointsList().forEach(p -> out.add(number(name, p, target)));
      case HISTOGRAM -> m.getHistogram().getDataPointsList().forEach(p -> histogram(name, p, target, out));
      case SUMMARY -> m.getSummary().getDataPointsList().forEach(p -> summary(name, p, target, out));
      default -> throw new AssertionError("metric " + m.getName() + " has a type this translation does not"
          + " cover: " + m.getDataCase());
    }
  }

  private static Sample number(String name, NumberDataPoint p, Map<String, String> target) {
    double value = p.hasAsDouble() ? p.getAsDouble() : p.getAsInt();
    return new Sample(name, labels(p.getAttributesList(), target, Map.of()), value);
  }

  private static void histogram(String name, HistogramDataPoint p, Map<String, String> target, List<Sample> out) {
    long cumulative = 0;
    for (int i = 0; i < p.getBucketCountsCount(); i++) {
      cumulative += p.getBucketCounts(i);
      double bound = i < p.getExplicitBoundsCount() ? p.getExplicitBounds(i) : Double.POSITIVE_INFINITY;
      out.add(new Sample(name + "_bucket", labels(p.getAttributesList(), target, Map.of("le", formatBound(bound))),
          cumulative));
    }
    out.add(new Sample(name + "_sum", labels(p.getAttributesList(), target, Map.of()), p.getSum()));
    out.add(new Sample(name + "_count", labels(p.getAttributesList(), target, Map.of()), p.getCount()));
  }

  private static void summary(String name, SummaryDataPoint p, Map<String, String> target, List<Sample> out) {
    for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
      out.add(new Sample(name, labels(p.getAttributesList(), target, Map.of("quantile",
          formatBound(q.getQuantile()))), q.getValue()));
    }
    out.add(new Sample(name + "_sum", labels(p.getAttributesList(), target, Map.of()), p.getSum()));
    out.add(new Sample(name + "_count", labels(p.getAttributesList(), target, Map.of()), p.getCount()));
  }

  /** Data-point attributes become labels; of the resource, only job and instance (the rest goes to target_info). */
  private static Map<String, String> labels(List<KeyValue> attributes, Map<String, String> target,
      Map<String, String> extra) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      labels.put(labelName(kv.getKey()), OtlpReceiver.stringValue(kv.getValue()));
    }
    labels.putAll(target);
    labels.putAll(extra);
    return labels;
  }

  private static Map<String, String> targetLabels(List<KeyValue> resource) {
    Map<String, String> target = new LinkedHashMap<>();
    String service = OtlpReceiver.attribute(resource, "service.name");
    String namespace = OtlpReceiver.attribute(resource, "service.namespace");
    String instance = OtlpReceiver.attribute(resource, "service.instance.id");
    if (service != null) {
      target.put("job", namespace == null ? service : namespace + "/" + service);
    }
    if (instance != null) {
      target.put("instance", instance);
    }
    return target;
  }

  private static String clean(String suffix) {
    return NOT_NAME_CHAR.matcher(suffix).replaceAll("_").replaceAll("^_+|_+$", "");
  }
}
