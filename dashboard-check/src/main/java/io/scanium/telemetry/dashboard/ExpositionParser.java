package io.scanium.telemetry.dashboard;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads metric and label names from the Prometheus text exposition format (0.0.4) and from OpenMetrics text.
 *
 * <p>Sample lines are the truth: they carry the names exactly as Prometheus stores them, suffixes included. {@code #
 * TYPE} lines only matter for families that have no sample yet, whose series names are derived from the type. The
 * parser is strict about sample lines, because an HTML error page or a protobuf body served on {@code /metrics} must
 * fail loudly rather than look like a service that exports nothing.
 */
final class ExpositionParser {

  private final String source;
  private final ExposedSeries.Builder builder;
  private final Map<String, String> declaredTypes = new LinkedHashMap<>();
  private boolean openMetrics;
  private String line;
  private int lineNumber;
  private int position;

  private ExpositionParser(String source, ExposedSeries.Builder builder) {
    this.source = source;
    this.builder = builder;
  }

  /**
   * Adds every series of the exposition to the builder.
   *
   * @param source names the exposition in error messages (a file name or URL)
   * @throws IllegalArgumentException when a line is not valid; the message names source and line number
   */
  static void parse(String exposition, String source, ExposedSeries.Builder builder) {
    new ExpositionParser(source, builder).run(exposition);
  }

  private void run(String exposition) {
    String[] lines = exposition.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lineNumber = i + 1;
      line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      position = 0;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (comment()) {
          break;
        }
        continue;
      }
      sample();
    }
    declareFamiliesWithoutSamples();
  }

  /** Returns true at OpenMetrics' {@code # EOF}, after which nothing counts. */
  private boolean comment() {
    String[] parts = line.substring(1).trim().split("\\s+", 3);
    switch (parts[0]) {
      case "EOF" -> {
        openMetrics = true;
        return true;
      }
      case "UNIT" -> openMetrics = true;
      case "TYPE" -> {
        if (parts.length == 3) {
          String[] nameAndType = splitTypeLine(line.substring(line.indexOf("TYPE") + 4).trim());
          if (nameAndType != null) {
            declaredTypes.put(nameAndType[0], nameAndType[1].toLowerCase(Locale.ROOT));
          }
        }
      }
      default -> {
        // HELP and free comments name nothing that a query could select.
      }
    }
    return false;
  }

  private static String[] splitTypeLine(String rest) {
    if (rest.startsWith("\"")) {
      int close = rest.indexOf('"', 1);
      return close < 0 ? null : new String[] {rest.substring(1, close), rest.substring(close + 1).trim()};
    }
    String[] parts = rest.split("\\s+");
    return parts.length < 2 ? null : new String[] {parts[0], parts[1]};
  }

  private void sample() {
    String name = null;
    Set<String> labelNames = new LinkedHashSet<>();
    if (line.charAt(position) != '{') {
      name = identifier(true);
      if (name.isEmpty()) {
        throw error("expected a metric name");
      }
    }
    if (position < line.length() && line.charAt(position) == '{') {
      position++;
      name = labels(name, labelNames);
    }
    if (name == null) {
      throw error("expected a metric name");
    }
    int valueStart = position;
    skipSpaces();
    if (position == valueStart) {
      throw error("expected a space and a value after " + name);
    }
    int start = position;
    while (position < line.length() && line.charAt(position) != ' ' && line.charAt(position) != '\t') {
      position++;
    }
    String value = line.substring(start, position);
    if (!isNumber(value)) {
      throw error("'" + value + "' is not a sample value");
    }
    // A timestamp and an OpenMetrics exemplar (" # {trace_id=...} 1.0") may follow; they name no series.
    builder.metric(name, labelNames);
  }

  /** Reads labels up to the closing brace; returns the metric name, which Prometheus 3 may quote inside braces. */
  private String labels(String metricName, Set<String> labelNames) {
    String name = metricName;
    while (true) {
      skipSpaces();
      if (position >= line.length()) {
        throw error("unterminated label set");
      }
      char c = line.charAt(position);
      if (c == '}') {
        position++;
        return name;
      }
      String label = c == '"' ? quoted() : identifier(false);
      if (label.isEmpty()) {
        throw error("expected a label name");
      }
      skipSpaces();
      if (position < line.length() && line.charAt(position) == '=') {
        position++;
        skipSpaces();
        if (position >= line.length() || line.charAt(position) != '"') {
          throw error("expected a quoted value for label " + label);
        }
        quoted();
        labelNames.add(label);
      } else if (c == '"' && name == null) {
        name = label;
      } else {
        throw error("expected '=' after label " + label);
      }
      skipSpaces();
      if (position < line.length() && line.charAt(position) == ',') {
        position++;
      } else if (position >= line.length() || line.charAt(position) != '}') {
        throw error("expected ',' or '}' in label set");
      }
    }
  }

  private String identifier(boolean metric) {
    int start = position;
    while (position < line.length()) {
      char c = line.charAt(position);
      boolean ok = Character.isLetter(c) || c == '_' || (metric && c == ':') || (position > start && isDigit(c));
      if (!ok) {
        break;
      }
      position++;
    }
    return line.substring(start, position);
  }

  private String quoted() {
    StringBuilder value = new StringBuilder();
    position++;
    while (position < line.length()) {
      char c = line.charAt(position);
      if (c == '\\' && position + 1 < line.length()) {
        value.append(line.charAt(position + 1));
        position += 2;
        continue;
      }
      if (c == '"') {
        position++;
        return value.toString();
      }
      value.append(c);
      position++;
    }
    throw error("unterminated quoted string");
  }

  private void skipSpaces() {
    while (position < line.length() && (line.charAt(position) == ' ' || line.charAt(position) == '\t')) {
      position++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumber(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.equals("nan") || lower.equals("+inf") || lower.equals("-inf") || lower.equals("inf")) {
      return true;
    }
    if (value.isEmpty() || !(isDigit(value.charAt(0)) || "+-.".indexOf(value.charAt(0)) >= 0)) {
      return false;
    }
    try {
      Double.parseDouble(value);
      return !Character.isLetter(value.charAt(value.length() - 1));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private IllegalArgumentException error(String message) {
    String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
    return new IllegalArgumentException(
        source + " line " + lineNumber + ": " + message + " (not a Prometheus text exposition?): " + shown);
  }

  private void declareFamiliesWithoutSamples() {
    declaredTypes.forEach(
        (family, type) -> {
          for (Map.Entry<String, List<String>> series : seriesOf(family, type, openMetrics).entrySet()) {
            builder.declared(series.getKey(), series.getValue());
          }
        });
  }

  /** The series names, each with the labels the type itself implies, that a family of this type exposes. */
  static Map<String, List<String>> seriesOf(String family, String type, boolean openMetrics) {
    Map<String, List<String>> series = new LinkedHashMap<>();
    switch (type) {
      case "counter" -> {
        // OpenMetrics declares the family without _total; the 0.0.4 format declares the sample name itself.
        boolean needsSuffix = openMetrics && !family.endsWith("_total");
        series.put(needsSuffix ? family + "_total" : family, List.of());
      }
      case "info" -> series.put(family.endsWith("_info") ? family : family + "_info", List.of());
      case "histogram" -> {
        series.put(family + "_bucket", List.of("le"));
        series.put(family + "_count", List.of());
        series.put(family + "_sum", List.of());
      }
      case "gaugehistogram" -> {
        series.put(family + "_bucket", List.of("le"));
        series.put(family + "_gcount", List.of());
        series.put(family + "_gsum", List.of());
      }
      case "summary" -> {
        series.put(family, List.of("quantile"));
        series.put(family + "_count", List.of());
        series.put(family + "_sum", List.of());
      }
      case "stateset" -> series.put(family, List.of(family));
      default -> series.put(family, List.of());
    }
    return series;
  }
}
