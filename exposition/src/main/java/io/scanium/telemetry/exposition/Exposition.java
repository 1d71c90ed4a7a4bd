package io.scanium.telemetry.exposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Prometheus text exposition (format 0.0.4) or OpenMetrics text: every sample with its metric name, its
 * labels and its value, as a scraper would store them, and the types the {@code # TYPE} lines declare.
 *
 * <p>What is read, per the formats: label values with the escapes {@code \\}, {@code \"} and {@code \n} undone
 * (another escaped character is kept as written, as Prometheus keeps it); values as decimal floats or
 * {@code +Inf}/{@code -Inf}/{@code NaN} (case-insensitive, {@code Inf} and {@code Infinity} too, as Prometheus'
 * parser accepts them); a timestamp after the value; an OpenMetrics exemplar after {@code #}; blank lines; comments;
 * OpenMetrics' {@code # EOF}, after which nothing counts; Prometheus 3's quoted names ({@code {"my.metric",a="1"}}).
 *
 * <p>A line that is neither a comment nor a valid sample fails the parse, naming the line: an HTML error page or a
 * protobuf body served on {@code /metrics} must not look like a service that exports nothing.
 *
 * <pre>{@code
 * Exposition scrape = Exposition.parse(body);
 * double ok = scrape.value("scanium_http_requests_total", Map.of("route", "/v1/items/{id}", "status_code", "200"));
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class Exposition {

  private final String text;
  private final List<Sample> samples;
  private final Map<String, String> types;
  private final boolean openMetrics;

  Exposition(String text, List<Sample> samples, Map<String, String> types, boolean openMetrics) {
    this.text = text;
    this.samples = Collections.unmodifiableList(samples);
    this.types = Collections.unmodifiableMap(types);
    this.openMetrics = openMetrics;
  }

  /**
   * Parses exposition text.
   *
   * @throws IllegalArgumentException when a line is neither a comment nor a valid sample; the message names it
   */
  public static Exposition parse(String text) {
    return parse(text, "exposition");
  }

  /**
   * Parses exposition text whose origin (a file name, a URL) error messages name.
   *
   * @throws IllegalArgumentException when a line is neither a comment nor a valid sample; the message names the
   *     source, the line number and the line
   */
  public static Exposition parse(String text, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    return new ExpositionReader(text, source).read();
  }

  /** The exposition text as given. */
  public String text() {
    return text;
  }

  /** Every sample, in exposition order. */
  public List<Sample> samples() {
    return samples;
  }

  /** The distinct metric names of the samples ({@code scanium_http_requests_total}, {@code ..._bucket}, ...). */
  public Set<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    samples.forEach(s -> names.add(s.name()));
    return Collections.unmodifiableSet(names);
  }

  /** The samples of one metric name whose labels include every one of {@code labels} (others may be present). */
  public List<Sample> series(String name, Map<String, String> labels) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && s.hasLabels(labels)) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The sum of the values of the samples {@link #series} finds; 0 when there are none. */
  public double value(String name, Map<String, String> labels) {
    double sum = 0;
    for (Sample s : series(name, labels)) {
      sum += s.value();
    }
    return sum;
  }

  /**
   * The type each {@code # TYPE} line declares, lower case, by the name it declares: the family name in OpenMetrics
   * ({@code requests} for {@code requests_total}), the sample name of a counter in the Prometheus format.
   */
  public Map<String, String> types() {
    return types;
  }

  /** Whether the text is OpenMetrics: it has a {@code # UNIT} line or ends with {@code # EOF}. */
  public boolean openMetrics() {
    return openMetrics;
  }

  @Override
  public String toString() {
    return "Exposition[" + samples.size() + " samples]";
  }

  /** {@code name{a="1",b="2"}} with the values escaped as in an exposition; just the name without labels. */
  public static String format(String name, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
    }
    return sb.append('}').toString();
  }

  /** A count reads {@code 3}, not {@code 3.0}; infinities read {@code +Inf} and {@code -Inf}, as exposed. */
  public static String formatValue(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
