package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.scanium.telemetry.dashboard.DashboardReader.Dashboard;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every place a Grafana dashboard keeps PromQL. */
class DashboardReaderTest {

  @TempDir Path dir;

  private static List<DashboardQuery> zooPanelQueries() {
    return DashboardReader.read(TestDashboards.LAYOUT_ZOO).queries().stream()
        .filter(query -> !query.isVariable())
        .toList();
  }

  private static DashboardQuery zooPanel(String title) {
    return zooPanelQueries().stream()
        .filter(query -> title.equals(query.panelTitle()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no query for panel " + title));
  }

  @Test
  void keepsTheDashboardTitle() {
    assertThat(DashboardReader.read(TestDashboards.LAYOUT_ZOO).title()).isEqualTo("Layout zoo");
  }

  @Test
  void readsPanelsFollowingAnExpandedRow() {
    assertThat(zooPanel("Panel under expanded row"))
        .extracting(DashboardQuery::rowTitle, DashboardQuery::panelId, DashboardQuery::query)
        .containsExactly("Expanded row", 2, "sum by (route) (rate(scanium_http_requests_total[$__rate_interval]))");
  }

  @Test
  void readsPanelsInsideACollapsedRow() {
    assertThat(zooPanelQueries())
        .filteredOn(query -> "Collapsed row".equals(query.rowTitle()))
        .extracting(DashboardQuery::panelTitle)
        .containsExactly("Panel inside collapsed row", "Second panel inside collapsed row");
  }

  @Test
  void readsPanelsNestedInsideAPanel() {
    assertThat(zooPanel("Deeply nested panel").query()).isEqualTo("scanium_missing_deeply_nested");
  }

  @Test
  void readsALibraryPanelWithItsModelInlined() {
    assertThat(zooPanel("Shared request rate"))
        .extracting(DashboardQuery::panelId, DashboardQuery::query)
        .containsExactly(20, "sum(rate(scanium_missing_in_library_panel_total[5m]))");
  }

  @Test
  void readsALibraryPanelWhoseModelIsInTheExportElements() {
    assertThat(zooPanel("Shared in-flight").query()).isEqualTo("sum(scanium_missing_in_exported_library_panel)");
  }

  @Test
  void skipsLokiTempoAndEmptyTargetsOfAMixedPanel() {
    assertThat(zooPanelQueries())
        .filteredOn(query -> "Mixed datasources".equals(query.panelTitle()))
        .extracting(DashboardQuery::query)
        .containsExactly("sum(scanium_http_requests_in_flight)");
  }

  @Test
  void readsOnlyQueryVariablesOfPrometheus() {
    assertThat(DashboardReader.read(TestDashboards.LAYOUT_ZOO).queries())
        .filteredOn(DashboardQuery::isVariable)
        .extracting(DashboardQuery::variableName, DashboardQuery::query)
        .containsExactly(
            tuple("route", "label_values(scanium_http_requests_total, route)"),
            tuple(
                "top_route",
                "query_result(topk(5, sum by (route) (rate(scanium_missing_in_variable_total[$__range]))))"),
            tuple("label_only", "label_values(deployment_environment)"));
  }

  @Test
  void readsAVariableQueryGivenAsAnObject() {
    assertThat(DashboardReader.read(TestDashboards.BACKEND_API_PERFORMANCE).queries())
        .filteredOn(query -> "method".equals(query.variableName()))
        .extracting(DashboardQuery::query)
        .containsExactly("label_values(scanium_http_request_duration_ms_bucket, method)");
  }

  @Test
  void skipsLogQlEvenOnAPrometheusDatasource() {
    Path file = TestDashboards.withPanels(dir, "Logs", "{service_name=\"scanium-backend\"} |= \"error\"",
        "sum(rate({app=\"x\"} | json | level=\"error\" [5m]))", "{job=\"x\"} != \"debug\"");
    assertThat(DashboardReader.read(file).queries()).isEmpty();
  }

  @Test
  void keepsAPromqlComparisonThatLooksLikeALogFilter() {
    Path file = TestDashboards.withPanels(dir, "Comparison", "up{job=\"x\"} != 1");
    assertThat(DashboardReader.read(file).queries()).extracting(DashboardQuery::query)
        .containsExactly("up{job=\"x\"} != 1");
  }

  @Test
  void skipsTraceQlEvenOnAPrometheusDatasource() {
    Path file = TestDashboards.withPanels(dir, "Traces", "{ span.http.status_code >= 500 && resource.service.name = "
        + "\"a\" }");
    assertThat(DashboardReader.read(file).queries()).isEmpty();
  }

  @Test
  void skipsTargetsOfADatasourceNamedLoki() {
    String json =
        "{\"title\":\"Old\",\"panels\":[{\"id\":1,\"title\":\"Logs\",\"datasource\":\"Loki\","
            + "\"targets\":[{\"expr\":\"count_over_time({app=\\\"a\\\"}[5m])\"}]}]}";
    assertThat(DashboardReader.read(TestDashboards.write(dir, "old.json", json)).queries()).isEmpty();
  }

  @Test
  void skipsTargetsOfATempoDatasourceByType() {
    String json =
        "{\"title\":\"T\",\"panels\":[{\"id\":1,\"title\":\"Traces\","
            + "\"targets\":[{\"datasource\":{\"type\":\"tempo\",\"uid\":\"t\"},\"expr\":\"rate(x[5m])\"}]}]}";
    assertThat(DashboardReader.read(TestDashboards.write(dir, "t.json", json)).queries()).isEmpty();
  }

  @Test
  void targetWithoutDatasourceInheritsThePanels() {
    String json =
        "{\"title\":\"T\",\"panels\":[{\"id\":1,\"title\":\"Logs\",\"datasource\":{\"type\":\"loki\",\"uid\":\"l\"},"
            + "\"targets\":[{\"expr\":\"sum(count_over_time({app=\\\"a\\\"}[5m]))\"}]}]}";
    assertThat(DashboardReader.read(TestDashboards.write(dir, "t.json", json)).queries()).isEmpty();
  }

  @Test
  void readsThePre5RowsSchema() {
    String json =
        "{\"title\":\"Legacy\",\"rows\":[{\"title\":\"Requests\",\"panels\":[{\"id\":1,\"title\":\"Rate\","
            + "\"targets\":[{\"expr\":\"sum(rate(scanium_http_requests_total[5m]))\"}]}]}]}";
    assertThat(DashboardReader.read(TestDashboards.write(dir, "legacy.json", json)).queries())
        .extracting(DashboardQuery::rowTitle, DashboardQuery::panelTitle)
        .containsExactly(tuple("Requests", "Rate"));
  }

  @Test
  void unwrapsTheHttpApiEnvelope() {
    String json =
        "{\"meta\":{\"slug\":\"x\"},\"dashboard\":{\"title\":\"Wrapped\",\"panels\":[{\"id\":1,\"title\":\"P\","
            + "\"targets\":[{\"expr\":\"up\"}]}]}}";
    Dashboard dashboard = DashboardReader.read(TestDashboards.write(dir, "wrapped.json", json));
    assertThat(dashboard.title()).isEqualTo("Wrapped");
    assertThat(dashboard.queries()).extracting(DashboardQuery::query).containsExactly("up");
  }

  @Test
  void titleFallsBackToTheFileName() {
    String json = "{\"panels\":[{\"id\":1,\"title\":\"P\",\"targets\":[{\"expr\":\"up\"}]}]}";
    assertThat(DashboardReader.read(TestDashboards.write(dir, "untitled.json", json)).title())
        .isEqualTo("untitled.json");
  }

  @Test
  void jsonThatIsNoDashboardIsRecognised() {
    assertThat(DashboardReader.read(TestDashboards.write(dir, "package.json", "{\"name\":\"x\",\"version\":\"1\"}")))
        .isNull();
  }

  @Test
  void invalidJsonNamesTheFile() {
    Path file = TestDashboards.write(dir, "broken.json", "{\"title\": \"Broken\", \"panels\": [");
    assertThatThrownBy(() -> DashboardReader.read(file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(file.toString());
  }
}
