package io.scanium.telemetry.exposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads an exposition line by line; one instance per text. */
final class ExpositionReader {

  private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped", "unknown",
      "info", "stateset", "gaugehistogram");

  private final String text;
  private final String source;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, String> types = new LinkedHashMap<>();
  private boolean openMetrics;
  private String line;
  private int lineNumber;
  private int pos;

  ExpositionReader(String text, String source) {
    this.text = text;
    this.source = source;
  }

  Exposition read() {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lineNumber = i + 1;
      line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      pos = 0;
      skipBlanks();
      if (pos == line.length()) {
        continue;
      }
      if (peek() == '#') {
        if (comment()) {
          break;
        }
        continue;
      }
      samples.add(sample());
    }
    return new Exposition(text, samples, types, openMetrics);
  }

  /** Returns true at OpenMetrics' {@code # EOF}. */
  private boolean comment() {
    pos++;
    skipBlanks();
    String keyword = word();
    switch (keyword) {
      case "EOF" -> {
        openMetrics = true;
        return true;
      }
      case "UNIT" -> openMetrics = true;
      case "TYPE" -> {
        skipBlanks();
        String name = peek() == '"' ? quoted() : metricName();
        skipBlanks();
        String type = word().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !TYPES.contains(type)) {
          throw error("expected a metric name and one of " + new TreeSet<>(TYPES) + " after # TYPE");
        }
        types.put(name, type);
      }
      default -> {
        // HELP and free comments name nothing a sample depends on.
      }
    }
    return false;
  }

  private Sample sample() {
    String name = peek() == '{' ? null : metricName();
    if (name != null && name.isEmpty()) {
      throw error("expected a metric name");
    }
    int afterName = pos;
    skipBlanks();
    Map<String, String> labels = new LinkedHashMap<>();
    if (peek() == '{') {
      pos++;
      name = labels(name, labels);
    } else {
      pos = afterName;
    }
    if (name == null) {
      throw error("expected a metric name");
    }
    double value = number(requireField("a space and a value after " + name), false);
    OptionalDouble timestamp = OptionalDouble.empty();
    Optional<Exemplar> exemplar = Optional.empty();
    skipBlanks();
    if (pos < line.length() && peek() != '#') {
      timestamp = OptionalDouble.of(number(word(), true));
      skipBlanks();
    }
    if (peek() == '#') {
      exemplar = Optional.of(exemplar());
    }
    if (pos < line.length()) {
      throw error("unexpected '" + line.substring(pos) + "' after the sample");
    }
    return new Sample(name, labels, value, timestamp, exemplar);
  }

  /** {@code # {trace_id="..."} 0.42 [timestamp]}, the OpenMetrics exemplar. */
  private Exemplar exemplar() {
    pos++;
    skipBlanks();
    if (peek() != '{') {
      throw error("expected '{' to open the exemplar's labels");
    }
    pos++;
    Map<String, String> labels = new LinkedHashMap<>();
    labels("", labels);
    double value = number(requireField("a space and the exemplar's value"), false);
    skipBlanks();
    OptionalDouble timestamp = OptionalDouble.empty();
    if (pos < line.length()) {
      timestamp = OptionalDouble.of(number(word(), true));
      skipBlanks();
    }
    return new Exemplar(labels, value, timestamp);
  }

  /**
   * Reads labels up to the closing brace and returns the metric name, which Prometheus 3 may write quoted inside the
   * braces when it is not a classic name.
   */
  private String labels(String metricName, Map<String, String> labels) {
    String name = metricName;
    while (true) {
      skipBlanks();
      char c = peek();
      if (c == '}') {
        pos++;
        return name;
      }
      if (pos == line.length()) {
        throw error("unterminated label set");
      }
      String label = c == '"' ? quoted() : labelName();
      if (label.isEmpty()) {
        throw error("expected a label name");
      }
      skipBlanks();
      if (peek() == '=') {
        pos++;
        skipBlanks();
        if (peek() != '"') {
          throw error("expected a quoted value for label " + label);
        }
        if (labels.put(label, quoted()) != null) {
          throw error("label " + label + " appears twice");
        }
      } else if (c == '"' && name == null && labels.isEmpty()) {
        name = label;
      } else {
        throw error("expected '=' after label " + label);
      }
      skipBlanks();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("expected ',' or '}' in the label set");
      }
    }
  }

  /** A quoted string; {@code \\}, {@code \"} and {@code \n} are undone, another escape is kept as written. */
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
        switch (e) {
          case 'n' -> sb.append('\n');
          case '\\', '"' -> sb.append(e);
          default -> sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw error("unterminated quoted string");
  }

  private String metricName() {
    return name(true);
  }

  private String labelName() {
    return name(false);
  }

  /** {@code [a-zA-Z_:][a-zA-Z0-9_:]*} for a metric, the same without colons for a label. */
  private String name(boolean metric) {
    int start = pos;
    while (pos < line.length()) {
      char c = line.charAt(pos);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
      if (!letter && !(pos > start && c >= '0' && c <= '9')) {
        break;
      }
      pos++;
    }
    return line.substring(start, pos);
  }

  private String word() {
    int start = pos;
    while (pos < line.length() && !isBlank(line.charAt(pos))) {
      pos++;
    }
    return line.substring(start, pos);
  }

  /** Blanks, then a field; fails naming {@code what} when there is no blank or nothing after it. */
  private String requireField(String what) {
    int before = pos;
    skipBlanks();
    if (pos == before || pos == line.length()) {
      throw error("expected " + what);
    }
    return word();
  }

  /** A decimal float, or (unless a timestamp) a signed Inf/Infinity or NaN in any case, as Go's ParseFloat reads. */
  private double number(String v, boolean timestamp) {
    if (DECIMAL.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    if (!timestamp) {
      String lower = v.toLowerCase(Locale.ROOT);
      String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
      if (unsigned.equals("inf") || unsigned.equals("infinity")) {
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (lower.equals("nan")) {
        return Double.NaN;
      }
    }
    throw error("'" + v + "' is not a " + (timestamp ? "timestamp" : "sample value"));
  }

  private char peek() {
    return pos < line.length() ? line.charAt(pos) : 0;
  }

  private void skipBlanks() {
    while (pos < line.length() && isBlank(line.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private IllegalArgumentException error(String message) {
    String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
    return new IllegalArgumentException(
        source + " line " + lineNumber + ": " + message + " (not a Prometheus text exposition?): " + shown);
  }
}
