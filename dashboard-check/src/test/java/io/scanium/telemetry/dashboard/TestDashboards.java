package io.scanium.telemetry.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small Grafana dashboards for tests: one Prometheus panel per query. */
final class TestDashboards {

  static final Path DIRECTORY = Path.of("src/test/resources/dashboards");
  static final Path PASSING = DIRECTORY.resolve("passing");
  static final Path BACKEND_API_PERFORMANCE = PASSING.resolve("backend-api-performance.json");
  static final Path BACKEND_ERRORS = PASSING.resolve("backend-errors.json");
  static final Path SYSTEM_OVERVIEW = PASSING.resolve("system-overview.json");
  static final Path OPENAI_RUNTIME = DIRECTORY.resolve("openai-runtime.json");
  static final Path LAYOUT_ZOO = DIRECTORY.resolve("layout-zoo.json");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestDashboards() {}

  /** A dashboard titled {@code title} whose panels are titled "Panel 1", "Panel 2", ... with one query each. */
  static Path withPanels(Path dir, String title, String... queries) {
    ObjectNode dashboard = MAPPER.createObjectNode().put("title", title).put("schemaVersion", 39);
    ArrayNode panels = dashboard.putArray("panels");
    for (int i = 0; i < queries.length; i++) {
      ObjectNode panel = panels.addObject().put("id", i + 1).put("type", "timeseries").put("title", "Panel " + (i + 1));
      panel.putObject("datasource").put("type", "prometheus").put("uid", "MIMIR");
      panel.putArray("targets").addObject().put("refId", "A").put("expr", queries[i]);
    }
    return write(dir, title.replaceAll("\\W+", "-").toLowerCase(java.util.Locale.ROOT) + ".json", dashboard.toString());
  }

  /** A dashboard whose only queries are query variables, named "v1", "v2", ... */
  static Path withVariables(Path dir, String title, String... queries) {
    ObjectNode dashboard = MAPPER.createObjectNode().put("title", title).put("schemaVersion", 39);
    dashboard.putArray("panels");
    ArrayNode list = dashboard.putObject("templating").putArray("list");
    for (int i = 0; i < queries.length; i++) {
      list.addObject().put("name", "v" + (i + 1)).put("type", "query").put("query", queries[i]);
    }
    return write(dir, title.replaceAll("\\W+", "-").toLowerCase(java.util.Locale.ROOT) + ".json", dashboard.toString());
  }

  static Path write(Path dir, String fileName, String json) {
    try {
      return Files.writeString(dir.resolve(fileName), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
