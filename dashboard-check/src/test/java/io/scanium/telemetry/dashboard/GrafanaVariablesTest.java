package io.scanium.telemetry.dashboard;

import static io.scanium.telemetry.dashboard.GrafanaVariables.substitute;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrafanaVariablesTest {

  @Test
  void dollarVariableInLabelValueBecomesPlaceholder() {
    assertThat(substitute("x{route=~\"$route\"}")).isEqualTo("x{route=~\"__grafana_var__\"}");
  }

  @Test
  void bracedVariableBecomesPlaceholder() {
    assertThat(substitute("x{env=\"${env}\"}")).isEqualTo("x{env=\"__grafana_var__\"}");
  }

  @Test
  void bracedVariableWithFormatBecomesPlaceholder() {
    assertThat(substitute("x{env=~\"${env:regex}|${env:pipe}\"}"))
        .isEqualTo("x{env=~\"__grafana_var__|__grafana_var__\"}");
  }

  @Test
  void doubleBracketVariableBecomesPlaceholder() {
    assertThat(substitute("x{route=\"[[route]]\"}")).isEqualTo("x{route=\"__grafana_var__\"}");
  }

  @Test
  void doubleBracketVariableInRangeBecomesDuration() {
    assertThat(substitute("rate(x[[[interval]]])")).isEqualTo("rate(x[5m])");
  }

  @Test
  void rateIntervalBecomesDuration() {
    assertThat(substitute("rate(x[$__rate_interval])")).isEqualTo("rate(x[5m])");
  }

  @Test
  void intervalBecomesDuration() {
    assertThat(substitute("rate(x[${__interval}])")).isEqualTo("rate(x[5m])");
  }

  @Test
  void rangeBecomesDuration() {
    assertThat(substitute("increase(x[$__range])")).isEqualTo("increase(x[5m])");
  }

  @Test
  void userVariableInRangeBecomesDuration() {
    assertThat(substitute("max_over_time(x[$window:$step])")).isEqualTo("max_over_time(x[5m:5m])");
  }

  @Test
  void variableAfterOffsetBecomesDuration() {
    assertThat(substitute("rate(x[5m] offset $shift)")).isEqualTo("rate(x[5m] offset 5m)");
  }

  @Test
  void rangeInSecondsBecomesNumber() {
    assertThat(substitute("increase(x[1h]) / $__range_s")).isEqualTo("increase(x[1h]) / 300");
  }

  @Test
  void variableOutsideStringsBecomesPlaceholderIdentifier() {
    assertThat(substitute("topk($n, sum by ($group) (x))"))
        .isEqualTo("topk(__grafana_var__, sum by (__grafana_var__) (x))");
  }

  @Test
  void regexEndAnchorIsNotAVariable() {
    String query = "x{route=~\"/v1/.*$\"}";
    assertThat(substitute(query)).isEqualTo(query);
  }

  @Test
  void posixClassInRegexIsNotADoubleBracketVariable() {
    String query = "x{route=~\"[[:alpha:]]+\"}";
    assertThat(substitute(query)).isEqualTo(query);
  }

  @Test
  void escapedQuoteDoesNotEndTheString() {
    assertThat(substitute("x{a=\"say \\\"$hi\\\"\"} offset $shift"))
        .isEqualTo("x{a=\"say \\\"__grafana_var__\\\"\"} offset 5m");
  }

  @Test
  void commentsAreKeptVerbatim() {
    assertThat(substitute("x # uses $route\n")).isEqualTo("x # uses $route\n");
  }
}
