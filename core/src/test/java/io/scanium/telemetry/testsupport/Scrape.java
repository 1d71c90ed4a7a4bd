package io.scanium.telemetry.testsupport;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed Prometheus text exposition: sample lines as {@code name{sorted labels}} to value. Adapter tests compare
 * these maps, so "the same series" means the same names, label names, label values and values.
 */
public final class Scrape {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s.*)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String text;
  private final Map<String, Double> samples;

  private Scrape(String text) {
    this.text = text;
    this.samples = parse(text);
  }

  /** Parses exposition text. */
  public static Scrape of(String text) {
    return new Scrape(text);
  }

  /** The Prometheus text format of a registry, as the scrape endpoint would serve it. */
  public static Scrape of(PrometheusRegistry registry) {
    return new Scrape(prometheusText(registry));
  }

  /** Prometheus text format (0.0.4) of a registry. */
  public static String prometheusText(PrometheusRegistry registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** OpenMetrics text format of a registry (with exemplars). */
  public static String openMetricsText(PrometheusRegistry registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(false).setExemplarsOnAllMetricTypesEnabled(true)
          .build().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The raw text. */
  public String text() {
    return text;
  }

  /** Every sample, keyed {@code name{a="1",b="2"}} with labels sorted by name. */
  public Map<String, Double> samples() {
    return samples;
  }

  /** Samples of one metric name whose labels include all of {@code labels}. */
  public Map<String, Double> series(String name, Map<String, String> labels) {
    Map<String, Double> out = new TreeMap<>();
    samples.forEach((key, value) -> {
      if (nameOf(key).equals(name) && labelsOf(key).entrySet().containsAll(labels.entrySet())) {
        out.put(key, value);
      }
    });
    return out;
  }

  /** The sum of the samples {@link #series} finds; 0 when none. */
  public double value(String name, Map<String, String> labels) {
    return series(name, labels).values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Samples whose name starts with a prefix (e.g. {@code scanium_http_}), for cross-adapter comparison. */
  public Map<String, Double> withPrefix(String prefix) {
    Map<String, Double> out = new TreeMap<>();
    samples.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The distinct values of one label on one metric. */
  public List<String> labelValues(String name, String label) {
    List<String> values = samples.keySet().stream().filter(k -> nameOf(k).equals(name))
        .map(k -> labelsOf(k).get(label)).filter(v -> v != null).distinct().sorted().collect(Collectors.toList());
    return Collections.unmodifiableList(values);
  }

  /** The metric name of a sample key. */
  public static String nameOf(String key) {
    int brace = key.indexOf('{');
    return brace < 0 ? key : key.substring(0, brace);
  }

  /** The labels of a sample key. */
  public static Map<String, String> labelsOf(String key) {
    Map<String, String> labels = new TreeMap<>();
    int brace = key.indexOf('{');
    if (brace >= 0) {
      Matcher m = LABEL.matcher(key.substring(brace));
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
    }
    return labels;
  }

  private static Map<String, Double> parse(String text) {
    Map<String, Double> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String sample = line;
      int exemplar = line.indexOf(" # ");
      if (exemplar > 0) {
        sample = line.substring(0, exemplar);
      }
      Matcher m = SAMPLE.matcher(sample.trim());
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      List<String> parts = new ArrayList<>();
      labels.forEach((k, v) -> parts.add(k + "=\"" + v + "\""));
      String key = m.group(1) + (parts.isEmpty() ? "" : "{" + String.join(",", parts) + "}");
      out.put(key, parseValue(m.group(4)));
    }
    return out;
  }

  private static double parseValue(String v) {
    switch (v) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(v);
    }
  }
}
