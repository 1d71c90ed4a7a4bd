package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.dashboard.PromqlAnalyzer.Analysis;
import io.scanium.telemetry.dashboard.PromqlAnalyzer.LabelClause;
import io.scanium.telemetry.dashboard.PromqlAnalyzer.SelectorUse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PromQL constructs, each on a real-world query, and what the analysis makes of them. */
class PromqlAnalyzerTest {

  private static List<String> metrics(String query) {
    return PromqlAnalyzer.analyze(query).selectors().stream()
        .map(use -> use.metric() != null ? use.metric() : use.displayName())
        .toList();
  }

  private static List<String> matcherLabels(String query, String metric) {
    return PromqlAnalyzer.analyze(query).selectors().stream()
        .filter(use -> metric.equals(use.metric()))
        .findFirst()
        .orElseThrow()
        .labels();
  }

  private static List<String> clauses(String query) {
    return PromqlAnalyzer.analyze(query).clauses().stream()
        .map(clause -> clause.clause() + "(" + String.join(",", clause.labels()) + ")")
        .toList();
  }

  // --- queries from the field reports

  @Test
  void fieldReportLatencyPercentile() {
    String query =
        "histogram_quantile(0.95, sum by (le) (rate(scanium_http_request_duration_ms_bucket{service_name=~\"$service\","
            + " deployment_environment=~\"$env\", route=~\"$route\", method=~\"$method\"}[5m])))";
    assertThat(metrics(query)).containsExactly("scanium_http_request_duration_ms_bucket");
    assertThat(matcherLabels(query, "scanium_http_request_duration_ms_bucket"))
        .containsExactly("service_name", "deployment_environment", "route", "method");
    assertThat(clauses(query)).containsExactly("by(le)");
  }

  @Test
  void fieldReportErrorRatio() {
    String query =
        "sum(rate(scanium_http_requests_total{status_code=~\"5..\"}[$__rate_interval])) / "
            + "sum(rate(scanium_http_requests_total[$__rate_interval]))";
    assertThat(metrics(query)).containsExactly("scanium_http_requests_total", "scanium_http_requests_total");
    assertThat(matcherLabels(query, "scanium_http_requests_total")).containsExactly("status_code");
    assertThat(clauses(query)).isEmpty();
  }

  @Test
  void fieldReportPrettyPrintedOverManyLines() {
    String query =
        "histogram_quantile(0.95,\n  sum by (le) (\n    rate(scanium_http_request_duration_ms_bucket{\n"
            + "      service_name=~\"$service\",\n      route=~\"$route\"\n    }[5m])\n  )\n)";
    assertThat(metrics(query)).containsExactly("scanium_http_request_duration_ms_bucket");
    assertThat(matcherLabels(query, "scanium_http_request_duration_ms_bucket"))
        .containsExactly("service_name", "route");
  }

  // --- functions and aggregations

  @Test
  void functionsAreNotMetricNames() {
    assertThat(metrics("sort_desc(abs(delta(absent(x_total[5m])[1h:]) * clamp_min(time(), 0)))"))
        .containsExactly("x_total");
  }

  @Test
  void labelReplaceStringArgumentsAreNotSelectorsAndCreateTheTargetLabel() {
    Analysis analysis =
        PromqlAnalyzer.analyze(
            "sum by (host) (label_replace(up{job=\"node\"}, \"host\", \"$1\", \"instance\", \"([^:]+):.*\"))");
    assertThat(analysis.selectors()).extracting(SelectorUse::metric).containsExactly("up");
    assertThat(analysis.clauses()).singleElement().satisfies(clause -> {
      assertThat(clause.labels()).containsExactly("host");
      assertThat(clause.createdLabels()).containsExactly("host");
    });
  }

  @Test
  void labelJoinCreatesTheTargetLabel() {
    LabelClause clause =
        PromqlAnalyzer.analyze("count by (endpoint) (label_join(x, \"endpoint\", \":\", \"method\", \"route\"))")
            .clauses()
            .get(0);
    assertThat(clause.createdLabels()).containsExactly("endpoint");
  }

  @Test
  void aggregationWithGroupingBeforeTheExpression() {
    assertThat(clauses("sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]))"))
        .containsExactly("by(namespace,pod)");
  }

  @Test
  void aggregationWithGroupingAfterTheExpression() {
    String query = "sum(kube_pod_status_phase{phase=~\"Pending|Unknown\"}) by (namespace) > 0";
    assertThat(metrics(query)).containsExactly("kube_pod_status_phase");
    assertThat(clauses(query)).containsExactly("by(namespace)");
  }

  @Test
  void aggregationWithoutClause() {
    assertThat(clauses("sum without (instance, pod) (rate(http_requests_total[5m]))"))
        .containsExactly("without(instance,pod)");
  }

  @Test
  void aggregationWithParameter() {
    assertThat(metrics("topk(10, sum by (route) (rate(scanium_http_requests_total[5m])))"))
        .containsExactly("scanium_http_requests_total");
    assertThat(metrics("quantile(0.9, rate(http_request_duration_seconds_sum[5m]))"))
        .containsExactly("http_request_duration_seconds_sum");
  }

  @Test
  void countValuesCreatesItsLabelForTheEnclosingClause() {
    LabelClause clause =
        PromqlAnalyzer.analyze("sum by (version) (count_values(\"version\", build_version))").clauses().get(0);
    assertThat(clause.createdLabels()).containsExactly("version");
  }

  // --- binary operators and vector matching

  @Test
  void nodeExporterCpuUsage() {
    String query = "100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) * 100)";
    assertThat(metrics(query)).containsExactly("node_cpu_seconds_total");
    assertThat(matcherLabels(query, "node_cpu_seconds_total")).containsExactly("mode");
    assertThat(clauses(query)).containsExactly("by(instance)");
  }

  @Test
  void nodeExporterFilesystemWithNegativeRegexMatchers() {
    String query =
        "node_filesystem_avail_bytes{fstype!~\"tmpfs|overlay\", mountpoint!=\"/boot\"} / "
            + "node_filesystem_size_bytes{fstype!~\"tmpfs|overlay\"}";
    assertThat(metrics(query)).containsExactly("node_filesystem_avail_bytes", "node_filesystem_size_bytes");
    assertThat(matcherLabels(query, "node_filesystem_avail_bytes")).containsExactly("fstype", "mountpoint");
  }

  @Test
  void setOperatorsAndOrUnless() {
    assertThat(metrics("a_total and b_total or c_total unless d_total"))
        .containsExactly("a_total", "b_total", "c_total", "d_total");
  }

  @Test
  void onAndGroupLeftClauses() {
    String query = "kube_pod_container_status_restarts_total * on (namespace, pod) group_left(node) kube_pod_info";
    assertThat(metrics(query)).containsExactly("kube_pod_container_status_restarts_total", "kube_pod_info");
    assertThat(clauses(query)).containsExactly("on(namespace,pod)", "group_left(node)");
  }

  @Test
  void ignoringAndGroupRightClauses() {
    assertThat(clauses("a / ignoring (status_code) group_right (team) b")).containsExactly(
        "ignoring(status_code)", "group_right(team)");
  }

  @Test
  void groupLeftWithoutLabelList() {
    assertThat(clauses("a / on (route) group_left b")).containsExactly("on(route)", "group_left()");
  }

  @Test
  void comparisonWithBool() {
    assertThat(metrics("sum(rate(errors_total[5m])) > bool 0.05")).containsExactly("errors_total");
  }

  @Test
  void unaryMinusPowerAndAtan2() {
    assertThat(metrics("-a_total ^ 2 + (b atan2 c) % 3")).containsExactly("a_total", "b", "c");
  }

  // --- literals

  @Test
  void numberLiterals() {
    assertThat(metrics("x * 1e3 + 0x1F - .5 + 2.5E-3")).containsExactly("x");
  }

  @Test
  void infAndNanAreNumbersNotMetrics() {
    assertThat(metrics("clamp_max(x, Inf) > -inf or y != NaN")).containsExactly("x", "y");
  }

  @Test
  void stringLiteralsInAllThreeQuoteStyles() {
    assertThat(metrics("label_replace(x{a='single', b=`raw\\d`}, \"dst\", \"$1\", \"src\", \"(.*)\")"))
        .containsExactly("x");
  }

  // --- ranges, offsets, subqueries, @

  @Test
  void compoundDuration() {
    assertThat(metrics("rate(x_total[1h30m]) + rate(y_total[500ms])")).containsExactly("x_total", "y_total");
  }

  @Test
  void offsetModifier() {
    assertThat(metrics("rate(x_total[5m] offset 1h) - rate(x_total[5m] offset -5m)"))
        .containsExactly("x_total", "x_total");
  }

  @Test
  void subqueryWithStep() {
    assertThat(metrics("max_over_time(rate(x_total[5m])[30m:1m])")).containsExactly("x_total");
  }

  @Test
  void subqueryWithoutStep() {
    assertThat(metrics("max_over_time(deriv(x[5m])[1h:])")).containsExactly("x");
  }

  @Test
  void atStartAndEnd() {
    assertThat(metrics("x @ start() - x @ end()")).containsExactly("x", "x");
  }

  @Test
  void atTimestampWithOffset() {
    assertThat(metrics("rate(x_total[5m] @ 1609746000 offset 5m)")).containsExactly("x_total");
  }

  // --- selectors

  @Test
  void nameOnlyMatcher() {
    Analysis analysis = PromqlAnalyzer.analyze("{__name__=\"scanium_http_requests_total\", route=\"/v1/config\"}");
    assertThat(analysis.selectors()).singleElement().satisfies(use -> {
      assertThat(use.metric()).isEqualTo("scanium_http_requests_total");
      assertThat(use.labels()).containsExactly("route");
    });
  }

  @Test
  void regexNameMatcher() {
    SelectorUse use = PromqlAnalyzer.analyze("count({__name__=~\"scanium_http_.*\"})").selectors().get(0);
    assertThat(use.metric()).isNull();
    assertThat(use.namePattern().matcher("scanium_http_requests_total").matches()).isTrue();
    assertThat(use.namePattern().matcher("jvm_memory_used_bytes").matches()).isFalse();
  }

  @Test
  void negatedNameMatcherSelectsNoNameInParticular() {
    assertThat(PromqlAnalyzer.analyze("{__name__!~\"go_.*\", job=\"api\"}").selectors().get(0).nameUnknown())
        .isTrue();
  }

  @Test
  void quotedMetricNameOfPrometheus3() {
    assertThat(metrics("{\"scanium.http.requests\", route=\"/\"}")).containsExactly("scanium.http.requests");
  }

  @Test
  void recordingRuleNameWithColons() {
    assertThat(metrics("sum(job:http_requests:rate5m)")).containsExactly("job:http_requests:rate5m");
  }

  @Test
  void labelValuesWithBracesAndCommasInsideStrings() {
    String query = "x{route=\"/v1/items/{id}\", q=\"a,b}\"}";
    assertThat(matcherLabels(query, "x")).containsExactly("route", "q");
  }

  @Test
  void keywordsAreNotMetricNames() {
    assertThat(metrics("sum by (job) (a) and on (instance) b > bool 1 unless ignoring (x) c offset 5m"))
        .containsExactly("a", "b", "c");
  }

  @Test
  void commentsAreIgnored() {
    assertThat(metrics("# p95 of all routes\nhistogram_quantile(0.95, x_bucket) # trailing"))
        .containsExactly("x_bucket");
  }

  // --- Grafana variables

  @Test
  void variableAsMetricNameCannotBeChecked() {
    assertThat(PromqlAnalyzer.analyze("sum(rate($metric{job=\"api\"}[5m]))").selectors().get(0).nameUnknown())
        .isTrue();
  }

  @Test
  void metricNameAroundVariableBecomesPattern() {
    SelectorUse use = PromqlAnalyzer.analyze("rate(scanium_${kind}_total[5m])").selectors().get(0);
    assertThat(use.namePattern().matcher("scanium_http_requests_total").matches()).isTrue();
    assertThat(use.namePattern().matcher("other_http_total").matches()).isFalse();
  }

  @Test
  void variableLabelNameIsNotReported() {
    assertThat(matcherLabels("x{$label=\"a\", route=\"b\"}", "x")).containsExactly("route");
    assertThat(clauses("sum by ($group, route) (x)")).containsExactly("by(route)");
  }

  @Test
  void variableAsParameterAndTimestamp() {
    assertThat(metrics("topk($n, x @ ${__to:date:seconds})")).containsExactly("__grafana_var__", "x");
  }

  @Test
  void allVariableSyntaxesInOneQuery() {
    String query =
        "sum(rate(x_total{a=~\"$a\", b=\"${b}\", c=~\"${c:regex}\", d=\"[[d]]\"}[$__interval])) / "
            + "sum(increase(x_total[$__range])) * sum(rate(x_total[$__rate_interval]))";
    assertThat(metrics(query)).containsExactly("x_total", "x_total", "x_total");
    assertThat(matcherLabels(query, "x_total")).containsExactly("a", "b", "c", "d");
  }

  // --- invalid queries

  @Test
  void matcherWithoutOperatorIsRejected() {
    // As listed in field report 001; Prometheus rejects it too.
    assertThatThrownBy(() -> PromqlAnalyzer.analyze("scanium_assistant_tokens_used_sum{provider=~\"$provider\", "
        + "token_type}"))
        .isInstanceOf(PromqlSyntaxException.class)
        .hasMessageContaining("token_type");
  }

  @Test
  void unclosedSelectorIsRejected() {
    assertThatThrownBy(() -> PromqlAnalyzer.analyze("sum(rate(x{route=\"a\"[5m]))"))
        .isInstanceOf(PromqlSyntaxException.class);
  }

  @Test
  void trailingGarbageIsRejected() {
    assertThatThrownBy(() -> PromqlAnalyzer.analyze("sum(x) y")).isInstanceOf(PromqlSyntaxException.class)
        .hasMessageContaining("'y'");
  }

  @Test
  void badDurationIsRejected() {
    assertThatThrownBy(() -> PromqlAnalyzer.analyze("rate(x[5min])")).isInstanceOf(PromqlSyntaxException.class);
  }

  @Test
  void emptyQueryIsRejected() {
    assertThatThrownBy(() -> PromqlAnalyzer.analyze("  ")).isInstanceOf(PromqlSyntaxException.class);
  }
}
