package io.scanium.telemetry.examples.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the PromQL of Grafana dashboards and expands their variables as Grafana would before querying. */
final class Dashboards {

  /** A query of a dashboard: a panel target or a template variable's query. */
  record Query(String dashboard, String where, String expr, boolean variable) {
    @Override
    public String toString() {
      return dashboard + " / " + where + ": " + expr.replaceAll("\\s+", " ");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?:[.:][^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");

  private Dashboards() {}

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static List<Query> queries(Path dir) throws IOException {
    List<Query> out = new ArrayList<>();
    for (Path file : files(dir)) {
      JsonNode d = JSON.readTree(file.toFile());
      String title = d.path("title").asText(file.getFileName().toString());
      for (JsonNode v : d.path("templating").path("list")) {
        if ("query".equals(v.path("type").asText())) {
          JsonNode q = v.path("query");
          String expr = q.isTextual() ? q.asText() : q.path("query").asText();
          out.add(new Query(title, "variable $" + v.path("name").asText(), expr, true));
        }
      }
      collectPanels(title, d.path("panels"), out);
    }
    return out;
  }

  private static void collectPanels(String dashboard, JsonNode panels, List<Query> out) {
    for (JsonNode p : panels) {
      for (JsonNode t : p.path("targets")) {
        String expr = t.path("expr").asText("");
        if (!expr.isBlank()) {
          out.add(new Query(dashboard, "panel '" + p.path("title").asText() + "' " + t.path("refId").asText(), expr,
              false));
        }
      }
      collectPanels(dashboard, p.path("panels"), out);
    }
  }

  /**
   * Replaces every {@code $name}, {@code ${name...}} and {@code [[name]]} with its value; fails on a variable it has
   * no value for, so that a dashboard cannot use one the test would silently leave in place.
   */
  static String expand(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for the variable $" + name + " in " + expr);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** {@code label_values(selector, label)} or {@code label_values(label)}: the selector (or null) and the label. */
  static String[] labelValuesCall(String expr) {
    Matcher m = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL).matcher(expr);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a label_values() variable query: " + expr);
    }
    return new String[] {m.group(1) == null ? null : m.group(1).trim(), m.group(2)};
  }
}
