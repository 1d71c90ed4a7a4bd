package io.scanium.telemetry.testsupport;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A parsed Prometheus text exposition: sample lines as {@code name{sorted labels}} to value. Adapter tests compare
 * these maps, so "the same series" means the same names, label names, label values and values. The text is read by
 * the project's one exposition parser ({@link Exposition}): label values are unescaped, and a line that is not an
 * exposition fails the test instead of being passed over.
 */
public final class Scrape {

  private final String text;
  private final Map<String, Double> samples;

  private Scrape(String text) {
    this.text = text;
    this.samples = keyed(Exposition.parse(text, "scrape"));
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

  /** The labels of a sample key, values unescaped. */
  public static Map<String, String> labelsOf(String key) {
    // A key is a sample line without its value: the exposition parser reads it back.
    return new TreeMap<>(Exposition.parse(key + " 0", "sample key").samples().get(0).labels());
  }

  private static Map<String, Double> keyed(Exposition exposition) {
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : exposition.samples()) {
      out.put(Exposition.format(s.name(), new TreeMap<>(s.labels())), s.value());
    }
    return Collections.unmodifiableMap(out);
  }
}
