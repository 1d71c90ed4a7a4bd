package io.scanium.telemetry.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the PromQL a Grafana dashboard JSON file runs: panel targets at any depth and query variables.
 *
 * <p>Grafana has stored panels in several shapes over the years, and an exported dashboard mixes them: top-level
 * {@code panels}, expanded rows (a {@code row} panel followed by its panels), collapsed rows (panels nested inside the
 * row), the pre-5.0 {@code rows[].panels}, and library panels whose model is either inlined under
 * {@code libraryPanel.model} or kept in the export's {@code __elements}. Each of them hides queries, so each is walked.
 */
final class DashboardReader {

  /** One dashboard file and the PromQL it runs, in the order it appears. */
  record Dashboard(Path file, String title, List<DashboardQuery> queries) {}

  // One mapper for all files: ObjectMapper is thread-safe once configured, and costly to create.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  // LogQL pipelines start right after the stream selector; none of these is valid PromQL there.
  private static final Pattern LOGQL =
      Pattern.compile(
          "}\\s*(?:\\|[=~>]|\\|\\s*(?:json|logfmt|pattern|regexp|unpack|line_format|label_format|drop|keep"
              + "|decolorize|unwrap)\\b|!=\\s*[\"`]|!~\\s*[\"`])");
  private static final Pattern TRACEQL_SCOPE =
      Pattern.compile("(?:\\.|span\\.|resource\\.|event\\.|link\\.|instrumentation\\.|trace:|span:)");
  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`");

  private final Path file;
  private final JsonNode root;
  private final String title;
  private final List<DashboardQuery> queries = new ArrayList<>();

  private DashboardReader(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
    String declared = root.path("title").asText("");
    this.title = declared.isBlank() ? String.valueOf(file.getFileName()) : declared;
  }

  /**
   * Reads a file as a dashboard.
   *
   * @return null when the file is JSON but not a Grafana dashboard
   * @throws UncheckedIOException when the file cannot be read or is not JSON; the message names the file
   */
  static Dashboard read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "Cannot read dashboard " + file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      String reason = e instanceof NoSuchFileException ? "no such file" : e.toString();
      throw new UncheckedIOException("Cannot read dashboard " + file + ": " + reason, e);
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    // The HTTP API and some exports wrap the dashboard: {"dashboard": {...}, "meta": {...}}.
    if (root.path("dashboard").isObject() && !root.has("panels")) {
      root = root.get("dashboard");
    }
    if (!looksLikeDashboard(root)) {
      return null;
    }
    DashboardReader reader = new DashboardReader(file, root);
    reader.walk();
    return new Dashboard(file, reader.title, List.copyOf(reader.queries));
  }

  private static boolean looksLikeDashboard(JsonNode root) {
    return root.path("panels").isArray()
        || root.path("rows").isArray()
        || root.path("templating").isObject()
        || (root.has("title") && root.has("schemaVersion"));
  }

  private void walk() {
    panels(root.path("panels"), null);
    for (JsonNode row : root.path("rows")) {
      panels(row.path("panels"), row.path("title").asText(null));
    }
    variables();
  }

  private void panels(JsonNode panels, String row) {
    String currentRow = row;
    for (JsonNode panel : panels) {
      if ("row".equals(panel.path("type").asText())) {
        // Panels after an expanded row belong to it; a collapsed row carries its panels inside.
        currentRow = panel.path("title").asText(null);
        panels(panel.path("panels"), currentRow);
        continue;
      }
      panel(panel, currentRow);
    }
  }

  private void panel(JsonNode panel, String row) {
    JsonNode model = libraryModel(panel);
    String panelTitle =
        firstText(panel.path("title"), model.path("title"), panel.path("libraryPanel").path("name"));
    if (panelTitle == null) {
      panelTitle = "(untitled panel)";
    }
    JsonNode idNode = panel.path("id").isInt() ? panel.path("id") : model.path("id");
    Integer panelId = idNode.isInt() ? idNode.intValue() : null;
    JsonNode targets = panel.path("targets").size() > 0 ? panel.path("targets") : model.path("targets");
    JsonNode panelDatasource = panel.has("datasource") ? panel.path("datasource") : model.path("datasource");
    for (JsonNode target : targets) {
      String expr = target.path("expr").asText("");
      if (expr.isBlank()) {
        continue;
      }
      JsonNode datasource = target.hasNonNull("datasource") ? target.path("datasource") : panelDatasource;
      if (isLogsOrTraces(datasource) || isLogQl(expr) || isTraceQl(expr)) {
        continue;
      }
      queries.add(new DashboardQuery(file, title, panelTitle, panelId, row, null, expr));
    }
    panels(panel.path("panels"), row);
    panels(model.path("panels"), row);
  }

  private JsonNode libraryModel(JsonNode panel) {
    JsonNode library = panel.path("libraryPanel");
    if (library.path("model").isObject()) {
      return library.path("model");
    }
    String uid = library.path("uid").asText("");
    if (!uid.isEmpty()) {
      // "Export for sharing externally" keeps library panel models at the top level, keyed by uid.
      return root.path("__elements").path(uid).path("model");
    }
    return library.path("model");
  }

  private void variables() {
    for (JsonNode variable : root.path("templating").path("list")) {
      // custom, interval, constant, textbox and datasource variables hold values, not queries.
      if (!"query".equals(variable.path("type").asText())) {
        continue;
      }
      if (isLogsOrTraces(variable.path("datasource"))) {
        continue;
      }
      JsonNode query = variable.path("query");
      String text = query.isTextual() ? query.asText() : query.path("query").asText("");
      if (text.isBlank()) {
        continue;
      }
      String name = variable.path("name").asText("(unnamed)");
      queries.add(new DashboardQuery(file, title, null, null, null, name, text));
    }
  }

  static boolean isLogsOrTraces(JsonNode datasource) {
    String hint;
    if (datasource.isTextual()) {
      hint = datasource.asText();
    } else if (datasource.isObject()) {
      hint = datasource.hasNonNull("type") ? datasource.path("type").asText() : datasource.path("uid").asText();
    } else {
      return false;
    }
    String lower = hint.toLowerCase(Locale.ROOT);
    return lower.contains("loki") || lower.contains("tempo");
  }

  static boolean isLogQl(String expr) {
    return LOGQL.matcher(expr).find();
  }

  static boolean isTraceQl(String expr) {
    String trimmed = expr.strip();
    if (!trimmed.startsWith("{")) {
      return false;
    }
    int close = trimmed.indexOf('}');
    String inside = QUOTED.matcher(close < 0 ? trimmed.substring(1) : trimmed.substring(1, close)).replaceAll("\"\"");
    String content = inside.strip();
    // PromQL matchers never compare with < or > and never combine with && or ||; TraceQL attributes are scoped.
    return content.isEmpty()
        || TRACEQL_SCOPE.matcher(content).lookingAt()
        || inside.contains("&&")
        || inside.contains("||")
        || inside.indexOf('<') >= 0
        || inside.indexOf('>') >= 0;
  }

  private static String firstText(JsonNode... candidates) {
    for (JsonNode candidate : candidates) {
      if (candidate.isTextual() && !candidate.asText().isBlank()) {
        return candidate.asText();
      }
    }
    return null;
  }
}
