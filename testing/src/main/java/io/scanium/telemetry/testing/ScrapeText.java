package io.scanium.telemetry.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AssertProvider;

/**
 * A parsed Prometheus text exposition (format 0.0.4, or OpenMetrics text): every sample with its metric name, its
 * labels and its value, as a scraper would store them.
 *
 * <p>Label values are unescaped ({@code \"}, {@code \\}, {@code \n}); exemplars ({@code # {trace_id="..."} 1.0})
 * and timestamps are read past. A line that is neither a comment nor a sample fails the parse with its line number:
 * an HTML error page served on {@code /metrics} must not look like a service that exports nothing.
 *
 * <pre>{@code
 * ScrapeText scrape = ScrapeText.of(telemetry.registry());
 * double ok = scrape.value("scanium_http_requests_total", Map.of("route", "/v1/items/{id}", "status_code", "200"));
 * assertThat(scrape).containsSeries("scanium_http_requests_total", Map.of("route", "/v1/items/{id}"));
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class ScrapeText implements AssertProvider<ScrapeAssert> {

  private final String text;
  private final List<Sample> samples;

  private ScrapeText(String text, List<Sample> samples) {
    this.text = text;
    this.samples = Collections.unmodifiableList(samples);
  }

  /**
   * Parses exposition text.
   *
   * @throws IllegalArgumentException when a line is neither a comment nor a valid sample; the message names it
   */
  public static ScrapeText parse(String text) {
    Objects.requireNonNull(text, "text");
    return new ScrapeText(text, new Parser(text).samples());
  }

  /**
   * The exposition a registry's scrape endpoint serves: written by the Prometheus client library's own text format
   * writer, then parsed, so names and suffixes ({@code _total}, {@code _bucket}, {@code _count}) are those of a real
   * scrape.
   */
  public static ScrapeText of(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the registry in the Prometheus text format", e);
    }
    return parse(out.toString(StandardCharsets.UTF_8));
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

  /** Assertions on this scrape: {@code assertThat(scrape).containsSeries(...)}. */
  @Override
  public ScrapeAssert assertThat() {
    return new ScrapeAssert(this);
  }

  @Override
  public String toString() {
    return "ScrapeText[" + samples.size() + " samples]";
  }

  /**
   * One sample line.
   *
   * @param name the metric name as exposed, suffix included
   * @param labels the labels in exposition order, values unescaped
   * @param value the value ({@code +Inf}, {@code -Inf} and {@code NaN} included)
   */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** Copies the labels, keeping their order. */
    public Sample {
      Objects.requireNonNull(name, "name");
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Whether every given label is present with the given value. */
    public boolean hasLabels(Map<String, String> wanted) {
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }

    /** The series as PromQL would write it: {@code name{a="1",b="2"}}. */
    public String series() {
      return format(name, labels);
    }

    /** The sample as an exposition line would show it: {@code name{a="1"} 3.0}. */
    @Override
    public String toString() {
      return series() + " " + formatValue(value);
    }
  }

  /** {@code name{a="1",b="2"}}, values escaped as in the exposition; just the name without labels. */
  static String format(String name, Map<String, String> labels) {
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

  /** A count reads {@code 3}, not {@code 3.0}; anything else as Java prints it. */
  static String formatValue(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A strict reader of sample lines; comments are skipped except OpenMetrics' {@code # EOF}. */
  private static final class Parser {
    private final String text;
    private String line;
    private int lineNumber;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    List<Sample> samples() {
      List<Sample> out = new ArrayList<>();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        lineNumber = i + 1;
        line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        pos = 0;
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (trimmed.startsWith("#")) {
          if (trimmed.equals("# EOF")) {
            break;
          }
          continue;
        }
        out.add(sample());
      }
      return out;
    }

    private Sample sample() {
      skipSpaces();
      String name = null;
      if (peek() != '{') {
        name = name();
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (peek() == '{') {
        pos++;
        name = labels(name, labels);
      }
      if (name == null || name.isEmpty()) {
        throw error("expected a metric name");
      }
      int before = pos;
      skipSpaces();
      if (pos == before) {
        throw error("expected a space and a value after " + name);
      }
      int start = pos;
      while (pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
        pos++;
      }
      // A timestamp and an exemplar may follow the value; neither changes the series or its value.
      return new Sample(name, labels, value(line.substring(start, pos)));
    }

    private String name() {
      int start = pos;
      while (pos < line.length()) {
        char c = line.charAt(pos);
        if (Character.isLetter(c) || c == '_' || c == ':' || (pos > start && Character.isDigit(c))) {
          pos++;
        } else {
          break;
        }
      }
      return line.substring(start, pos);
    }

    /** Reads up to the closing brace; Prometheus 3 may put a quoted metric name inside the braces. */
    private String labels(String metricName, Map<String, String> labels) {
      String name = metricName;
      while (true) {
        skipSpaces();
        char c = peek();
        if (c == '}') {
          pos++;
          return name;
        }
        if (c == 0) {
          throw error("unterminated label set");
        }
        String label = c == '"' ? quoted() : name();
        if (label.isEmpty()) {
          throw error("expected a label name");
        }
        skipSpaces();
        if (peek() == '=') {
          pos++;
          skipSpaces();
          if (peek() != '"') {
            throw error("expected a quoted value for label " + label);
          }
          labels.put(label, quoted());
        } else if (c == '"' && name == null) {
          name = label;
        } else {
          throw error("expected '=' after label " + label);
        }
        skipSpaces();
        if (peek() == ',') {
          pos++;
        } else if (peek() != '}') {
          throw error("expected ',' or '}' in the label set");
        }
      }
    }

    private String quoted() {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < line.length()) {
        char c = line.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' && pos < line.length()) {
          char e = line.charAt(pos++);
          sb.append(e == 'n' ? '\n' : e);
        } else {
          sb.append(c);
        }
      }
      throw error("unterminated quoted string");
    }

    private double value(String v) {
      switch (v) {
        case "+Inf":
        case "Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        case "NaN":
          return Double.NaN;
        default:
          try {
            return Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw error("'" + v + "' is not a sample value");
          }
      }
    }

    private char peek() {
      return pos < line.length() ? line.charAt(pos) : 0;
    }

    private void skipSpaces() {
      while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
        pos++;
      }
    }

    private IllegalArgumentException error(String message) {
      String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
      return new IllegalArgumentException("line " + lineNumber + " of the exposition: " + message
          + " (not a Prometheus text exposition?): " + shown);
    }
  }
}
