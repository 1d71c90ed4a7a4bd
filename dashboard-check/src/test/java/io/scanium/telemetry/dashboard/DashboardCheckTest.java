package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.scanium.telemetry.dashboard.DashboardProblem.Kind;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract check on the field reports' dashboards and on each rule of the comparison. */
class DashboardCheckTest {

  private static final ExposedSeries CONTRACT = ExposedSeries.fromScrapeFile(ExposedSeriesTest.CONTRACT_SCRAPE);

  @TempDir Path dir;

  private DashboardCheckReport check(ExposedSeries exposed, String... queries) {
    return DashboardCheck.of(TestDashboards.withPanels(dir, "Under test", queries)).against(exposed).check();
  }

  private DashboardCheckReport checkVariables(ExposedSeries exposed, String... queries) {
    return DashboardCheck.of(TestDashboards.withVariables(dir, "Variables", queries)).against(exposed).check();
  }

  // --- the field reports' dashboards

  @ParameterizedTest
  @ValueSource(strings = {"backend-api-performance.json", "backend-errors.json", "system-overview.json"})
  void fieldReportDashboardPassesAgainstTheContract(String file) {
    DashboardCheckReport report = DashboardCheck.of(TestDashboards.PASSING.resolve(file)).against(CONTRACT).check();

    assertThat(report.problems()).isEmpty();
    assertThat(report.queriesChecked()).isGreaterThan(5);
  }

  @Test
  void openAiRuntimeDashboardReportsTheOpenAiNamesTheServiceNeverExported() {
    DashboardCheckReport report = DashboardCheck.of(TestDashboards.OPENAI_RUNTIME).against(CONTRACT).check();

    assertThat(report.isClean()).isFalse();
    assertThat(report.missingMetrics())
        .containsExactly(
            "openai_rate_limit_requests_remaining", "openai_rate_limit_tokens_remaining", "openai_requests_total");
    assertThat(report.problems())
        .extracting(DashboardProblem::kind, DashboardProblem::dashboardTitle, DashboardProblem::panelTitle,
            DashboardProblem::panelId, DashboardProblem::metric)
        .containsExactly(
            tuple(Kind.MISSING_METRIC, "Scanium - OpenAI Runtime", "OpenAI requests by model", 31,
                "openai_requests_total"),
            tuple(Kind.MISSING_METRIC, "Scanium - OpenAI Runtime", "Rate limit: requests remaining", 41,
                "openai_rate_limit_requests_remaining"),
            tuple(Kind.MISSING_METRIC, "Scanium - OpenAI Runtime", "Rate limit: tokens remaining", 42,
                "openai_rate_limit_tokens_remaining"));
  }

  @Test
  void missingMetricHintsAtTheExposedNameWithTheSameEnding() {
    DashboardCheckReport report = DashboardCheck.of(TestDashboards.OPENAI_RUNTIME).against(CONTRACT).check();

    assertThat(report.problems().get(0).detail())
        .isEqualTo("similar exposed names: scanium_assistant_requests_total, scanium_http_requests_total");
  }

  @Test
  void reportTextNamesDashboardPanelMetricAndQuery() {
    String text = DashboardCheck.of(TestDashboards.OPENAI_RUNTIME).against(CONTRACT).check().toString();

    assertThat(text)
        .startsWith("Dashboard contract check failed: 3 problems in 1 of 1 dashboard,")
        .contains("Dashboard \"Scanium - OpenAI Runtime\" (" + TestDashboards.OPENAI_RUNTIME + ")")
        .contains("  panel \"Rate limit: tokens remaining\" (id 42)")
        .contains("    - metric openai_rate_limit_tokens_remaining is not exposed")
        .contains("      query: openai_rate_limit_tokens_remaining{provider=~\"$provider\"}");
  }

  @Test
  void cleanReportSaysWhatWasChecked() {
    String text = DashboardCheck.of(TestDashboards.PASSING).against(CONTRACT).check().toString();

    assertThat(text).matches("Dashboard contract check passed: 3 dashboards, \\d+ queries checked against 19 metric "
        + "names from scrape file .*scanium-backend\\.prom\\.");
  }

  @Test
  void everyHiddenPlaceOfTheLayoutZooIsChecked() {
    DashboardCheckReport report = DashboardCheck.of(TestDashboards.LAYOUT_ZOO).against(CONTRACT).check();

    assertThat(report.problems())
        .extracting(DashboardProblem::where, DashboardProblem::metric)
        .containsExactly(
            tuple("panel \"Panel inside collapsed row\" (id 4)", "scanium_missing_in_collapsed_row_total"),
            tuple("panel \"Deeply nested panel\" (id 8)", "scanium_missing_deeply_nested"),
            tuple("panel \"Shared request rate\" (id 20)", "scanium_missing_in_library_panel_total"),
            tuple("panel \"Shared in-flight\" (id 21)", "scanium_missing_in_exported_library_panel"),
            tuple("variable $top_route", "scanium_missing_in_variable_total"));
  }

  @Test
  void directoryIsSearchedRecursively() {
    DashboardCheckReport report = DashboardCheck.of(TestDashboards.DIRECTORY).against(CONTRACT).check();

    assertThat(report.dashboardsChecked()).isEqualTo(5);
    assertThat(report.missingMetrics()).contains("openai_requests_total", "scanium_missing_deeply_nested");
  }

  // --- labels

  @Test
  void matcherOnALabelTheMetricNeverCarriesIsReported() {
    DashboardCheckReport report = check(CONTRACT, "sum(rate(scanium_http_requests_total{provider=\"x\"}[5m]))");

    assertThat(report.problems())
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.kind()).isEqualTo(Kind.MISSING_LABEL);
          assertThat(problem.metric()).isEqualTo("scanium_http_requests_total");
          assertThat(problem.label()).isEqualTo("provider");
          assertThat(problem.summary())
              .startsWith("label provider is never carried by scanium_http_requests_total (in a matcher; its labels: "
                  + "deployment_environment, method, route, service_name, status_code)");
        });
  }

  @Test
  void byLabelThatNoSelectorCarriesIsReported() {
    DashboardCheckReport report = check(CONTRACT, "sum by (provider) (rate(scanium_http_requests_total[5m]))");

    assertThat(report.problems())
        .extracting(DashboardProblem::kind, DashboardProblem::label, DashboardProblem::detail)
        .singleElement()
        .satisfies(t -> assertThat(t.toList()).containsExactly(Kind.MISSING_LABEL, "provider",
            "in by (...); its labels: deployment_environment, method, route, service_name, status_code"));
  }

  @Test
  void byLabelCarriedByAnySelectorUnderTheAggregationIsFine() {
    assertThat(check(CONTRACT,
        "sum by (provider) (rate(scanium_http_requests_total[5m]) or rate(scanium_assistant_requests_total[5m]))")
        .problems()).isEmpty();
  }

  @Test
  void byLabelIsCheckedPerAggregation() {
    DashboardCheckReport report =
        check(CONTRACT, "sum by (route) (rate(scanium_http_requests_total[5m])) / "
            + "sum by (route) (rate(scanium_assistant_requests_total[5m]))");

    assertThat(report.problems())
        .extracting(DashboardProblem::metric, DashboardProblem::label)
        .containsExactly(tuple("scanium_assistant_requests_total", "route"));
  }

  @Test
  void leIsNeverFlaggedOnAHistogramBucket() {
    ExposedSeries withoutLe = ExposedSeries.builder().metric("d_bucket", "route").build();

    assertThat(check(withoutLe, "histogram_quantile(0.9, sum by (le, route) (rate(d_bucket[5m])))").problems())
        .isEmpty();
  }

  @Test
  void leIsFlaggedWhereNoBucketIsSelected() {
    assertThat(check(CONTRACT, "sum by (le) (rate(scanium_http_requests_total[5m]))").problems())
        .extracting(DashboardProblem::label)
        .containsExactly("le");
  }

  @Test
  void withoutLabelIsChecked() {
    assertThat(check(CONTRACT, "sum without (pod) (scanium_http_requests_in_flight)").problems())
        .extracting(DashboardProblem::label)
        .containsExactly("pod");
  }

  @Test
  void onAndGroupLeftLabelsAreChecked() {
    DashboardCheckReport report =
        check(CONTRACT, "scanium_http_requests_in_flight * on (method, pod) group_left (version, node) "
            + "scanium_telemetry_info");

    assertThat(report.problems())
        .extracting(DashboardProblem::label)
        .containsExactly("pod", "node");
  }

  @Test
  void ignoringLabelIsChecked() {
    assertThat(check(CONTRACT, "scanium_http_requests_total / ignoring (code) scanium_http_requests_total").problems())
        .extracting(DashboardProblem::label)
        .containsExactly("code");
  }

  @Test
  void labelCreatedByLabelReplaceIsFine() {
    assertThat(check(CONTRACT, "sum by (path) (label_replace(scanium_http_requests_total, \"path\", \"$1\", "
        + "\"route\", \"(.*)\"))").problems()).isEmpty();
  }

  @Test
  void targetLabelsJobAndInstanceAreAlwaysThere() {
    assertThat(check(CONTRACT, "sum by (job, instance) (scanium_http_requests_in_flight{job=\"scanium-backend\"})")
        .problems()).isEmpty();
  }

  @Test
  void scraperLabelsMustBeDeclared() {
    String query = "sum(scanium_http_requests_in_flight{env=\"prod\"})";

    assertThat(check(CONTRACT, query).problems()).extracting(DashboardProblem::label).containsExactly("env");
    assertThat(check(CONTRACT.withTargetLabels("env"), query).problems()).isEmpty();
  }

  @Test
  void declaredMetricWithoutSeriesIsNotLabelChecked() {
    assertThat(check(CONTRACT, "sum by (error_type) (rate(scanium_assistant_errors_total{provider=\"openai\"}[5m]))")
        .problems()).isEmpty();
  }

  @Test
  void labelOfAMissingMetricIsNotReportedTwice() {
    assertThat(check(CONTRACT, "sum by (model) (rate(openai_requests_total{status=\"ok\"}[5m]))").problems())
        .extracting(DashboardProblem::kind)
        .containsExactly(Kind.MISSING_METRIC);
  }

  // --- names

  @Test
  void scrapeSeriesOfPrometheusItselfAlwaysExist() {
    assertThat(check(CONTRACT, "up{job=\"scanium-backend\"} == 0", "avg(scrape_duration_seconds)").problems())
        .isEmpty();
  }

  @Test
  void regexNameMatchingAnExposedNameIsFine() {
    assertThat(check(CONTRACT, "count({__name__=~\"scanium_http_.*\", route=\"/v1/config\"})").problems()).isEmpty();
  }

  @Test
  void regexNameMatchingNothingIsMissing() {
    assertThat(check(CONTRACT, "count({__name__=~\"openai_.*\"})").problems())
        .extracting(DashboardProblem::kind, DashboardProblem::metric)
        .containsExactly(tuple(Kind.MISSING_METRIC, "{__name__=~\"openai_.*\"}"));
  }

  @Test
  void regexIsAnchoredLikePrometheus() {
    assertThat(check(CONTRACT, "count({__name__=~\"http_requests\"})").problems())
        .extracting(DashboardProblem::kind)
        .containsExactly(Kind.MISSING_METRIC);
  }

  @Test
  void metricNameThatIsAVariableIsNotChecked() {
    assertThat(check(CONTRACT, "sum(rate(${metric}[5m]))").problems()).isEmpty();
  }

  @Test
  void metricNameAroundAVariableMustFitSomeExposedName() {
    assertThat(check(CONTRACT, "rate(scanium_${kind}_requests_total[5m])").problems()).isEmpty();
    assertThat(check(CONTRACT, "rate(openai_${kind}_total[5m])").problems())
        .extracting(DashboardProblem::kind)
        .containsExactly(Kind.MISSING_METRIC);
  }

  @Test
  void invalidQueryIsReported() {
    assertThat(check(CONTRACT, "scanium_assistant_tokens_used_sum{provider=~\"$provider\", token_type}").problems())
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.kind()).isEqualTo(Kind.INVALID_QUERY);
          assertThat(problem.detail()).contains("token_type");
        });
  }

  @Test
  void invalidNameRegexIsReported() {
    assertThat(check(CONTRACT, "count({__name__=~\"scanium_(http\"})").problems())
        .extracting(DashboardProblem::kind)
        .containsExactly(Kind.INVALID_QUERY);
  }

  @Test
  void sameProblemTwiceInOneQueryIsReportedOnce() {
    assertThat(check(CONTRACT, "rate(nope_total[5m]) / rate(nope_total[1h])").problems()).hasSize(1);
  }

  // --- templating variables

  @Test
  void labelValuesWithMetricAndLabelIsChecked() {
    DashboardCheckReport report =
        checkVariables(CONTRACT, "label_values(scanium_http_requests_total, route)",
            "label_values(scanium_http_requests_total, provider)");

    assertThat(report.problems())
        .extracting(DashboardProblem::variableName, DashboardProblem::kind, DashboardProblem::label)
        .containsExactly(tuple("v2", Kind.MISSING_LABEL, "provider"));
  }

  @Test
  void labelValuesWithSelectorIsChecked() {
    assertThat(checkVariables(CONTRACT,
        "label_values(scanium_http_request_duration_ms_bucket{service_name=~\"$service\", pod=\"a\"}, route)")
        .problems())
        .extracting(DashboardProblem::label)
        .containsExactly("pod");
  }

  @Test
  void labelValuesOfMissingMetricIsReported() {
    assertThat(checkVariables(CONTRACT, "label_values(openai_requests_total, model)").problems())
        .extracting(DashboardProblem::kind, DashboardProblem::metric)
        .containsExactly(tuple(Kind.MISSING_METRIC, "openai_requests_total"));
  }

  @Test
  void labelValuesWithOnlyALabelHasNothingToCheck() {
    assertThat(checkVariables(CONTRACT, "label_values(anything_at_all)").problems()).isEmpty();
  }

  @Test
  void metricsRegexMustMatchSomeExposedName() {
    DashboardCheckReport report = checkVariables(CONTRACT, "metrics(scanium_http_)", "metrics(openai_.*)");

    assertThat(report.problems())
        .extracting(DashboardProblem::variableName, DashboardProblem::metric)
        .containsExactly(tuple("v2", "metrics(openai_.*)"));
  }

  @Test
  void invalidMetricsRegexIsReported() {
    assertThat(checkVariables(CONTRACT, "metrics(scanium_(http)").problems())
        .extracting(DashboardProblem::kind)
        .containsExactly(Kind.INVALID_QUERY);
  }

  @Test
  void queryResultIsCheckedAsPromql() {
    assertThat(checkVariables(CONTRACT, "query_result(topk(5, sum by (model) "
        + "(rate(scanium_http_requests_total[$__range]))))")
        .problems())
        .extracting(DashboardProblem::label)
        .containsExactly("model");
  }

  @Test
  void variableReportNamesTheVariable() {
    DashboardProblem problem = checkVariables(CONTRACT, "label_values(openai_requests_total, model)").problems().get(0);

    assertThat(problem.where()).isEqualTo("variable $v1");
    assertThat(problem.panelTitle()).isNull();
  }

  // --- inputs

  @Test
  void checkNeedsTheExposedSeries() {
    assertThatThrownBy(() -> DashboardCheck.of(TestDashboards.OPENAI_RUNTIME).check())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void missingDashboardFileIsNamed() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> DashboardCheck.of(missing).against(CONTRACT).check())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void directoryWithoutDashboardsIsAnError() throws Exception {
    Files.writeString(dir.resolve("package.json"), "{\"name\":\"x\"}");
    assertThatThrownBy(() -> DashboardCheck.of(dir).against(CONTRACT).check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void fileThatIsNoDashboardIsAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("alerts.json"), "{\"groups\":[]}");
    assertThatThrownBy(() -> DashboardCheck.of(file).against(CONTRACT).check())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void noDashboardsGivenIsAnError() {
    assertThatThrownBy(() -> DashboardCheck.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkAgainstARegistryInATest() {
    io.prometheus.metrics.model.registry.PrometheusRegistry registry =
        new io.prometheus.metrics.model.registry.PrometheusRegistry();
    io.prometheus.metrics.core.metrics.Counter.builder()
        .name("scanium_http_requests_total")
        .help("Finished HTTP requests.")
        .labelNames("route")
        .register(registry)
        .labelValues("/v1/config")
        .inc();

    DashboardCheckReport report =
        check(ExposedSeries.fromRegistry(registry), "sum by (route) (rate(scanium_http_requests_total[5m]))",
            "sum by (status_code) (rate(scanium_http_requests_total[5m]))");

    assertThat(report.problems()).extracting(DashboardProblem::label).containsExactly("status_code");
  }
}
