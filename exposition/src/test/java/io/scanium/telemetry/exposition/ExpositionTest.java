package io.scanium.telemetry.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpositionTest {

  @Test
  void readsNamesLabelsValuesAndDeclaredTypes() {
    Exposition scrape = Exposition.parse("""
        # HELP scanium_http_requests_total HTTP requests, with a \\\\ and a \\n in the help.
        # TYPE scanium_http_requests_total counter
        scanium_http_requests_total{method="GET",route="/v1/items/{id}",status_code="200"} 3
        scanium_http_requests_total{method="POST",route="/v1/classify",status_code="200"} 1.0
        # a free comment
        \t
        up 1
        """);

    assertThat(scrape.samples()).extracting(Sample::name)
        .containsExactly("scanium_http_requests_total", "scanium_http_requests_total", "up");
    assertThat(scrape.samples().get(0).labels()).containsExactly(Map.entry("method", "GET"),
        Map.entry("route", "/v1/items/{id}"), Map.entry("status_code", "200"));
    assertThat(scrape.value("scanium_http_requests_total", Map.of("method", "GET"))).isEqualTo(3.0);
    assertThat(scrape.value("scanium_http_requests_total", Map.of())).isEqualTo(4.0);
    assertThat(scrape.value("scanium_http_requests_total", Map.of("method", "PUT"))).isZero();
    assertThat(scrape.metricNames()).containsExactly("scanium_http_requests_total", "up");
    assertThat(scrape.types()).containsExactly(Map.entry("scanium_http_requests_total", "counter"));
    assertThat(scrape.openMetrics()).isFalse();
    assertThat(scrape.samples().get(0).toString())
        .isEqualTo("scanium_http_requests_total{method=\"GET\",route=\"/v1/items/{id}\",status_code=\"200\"} 3");
  }

  @ParameterizedTest
  @CsvSource({
      "+Inf, Infinity", "-Inf, -Infinity", "Inf, Infinity", "inf, Infinity", "+infinity, Infinity",
      "-INF, -Infinity", "1e3, 1000", ".5, 0.5", "-0.25, -0.25", "1.5e-3, 0.0015", "7., 7", "+3, 3"})
  void readsEveryValueTheFormatAllows(String written, double expected) {
    assertThat(Exposition.parse("m " + written).samples().get(0).value()).isEqualTo(expected);
  }

  @Test
  void readsNanInAnyCase() {
    assertThat(Exposition.parse("a NaN\nb nan\n").samples()).allSatisfy(s -> assertThat(s.value()).isNaN());
  }

  @ParameterizedTest
  @ValueSource(strings = {"high", "1d", "2f", "0x10", "+nan", "1e", "--1", "1,5", "Infinityy"})
  void refusesWhatIsNotAValue(String written) {
    assertThatThrownBy(() -> Exposition.parse("m{a=\"1\"} " + written))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + written + "' is not a sample value");
  }

  @Test
  void unescapesLabelValuesAndWritesThemEscapedAgain() {
    Sample m = Exposition.parse("m{path=\"a \\\"quoted\\\" \\\\ path\\nnext\"} 1").samples().get(0);

    assertThat(m.label("path")).isEqualTo("a \"quoted\" \\ path\nnext");
    assertThat(m.series()).isEqualTo("m{path=\"a \\\"quoted\\\" \\\\ path\\nnext\"}");
  }

  @Test
  void keepsAnUnknownEscapeAsWrittenAsPrometheusDoes() {
    assertThat(Exposition.parse("m{route=\"/orders/(\\d+)\",t=\"a\\tb\"} 1").samples().get(0).labels())
        .containsEntry("route", "/orders/(\\d+)")
        .containsEntry("t", "a\\tb");
  }

  @Test
  void labelValuesMayHoldWhatDelimitsTheSyntax() {
    Sample s = Exposition.parse("m{q=\"a} b, c=\\\"d\\\" # e\",le=\"+Inf\",} 2 # {trace_id=\"}\"} 1").samples().get(0);

    assertThat(s.labels()).containsExactly(Map.entry("q", "a} b, c=\"d\" # e"), Map.entry("le", "+Inf"));
    assertThat(s.value()).isEqualTo(2.0);
    assertThat(s.exemplar()).get().satisfies(e -> assertThat(e.labels()).containsEntry("trace_id", "}"));
  }

  @Test
  void allowsBlanksInsideTheLabelSetAndCarriageReturns() {
    Exposition scrape = Exposition.parse("m { a = \"1\" ,\tb=\"2\" }  5\r\nn\t6\r\n");

    assertThat(scrape.samples().get(0).labels()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(scrape.value("n", Map.of())).isEqualTo(6.0);
  }

  @Test
  void readsTimestamps() {
    List<Sample> samples = Exposition.parse("a 1 1700000000000\nb 2 -5\nc 3 1700000000.25\nd 4\n").samples();

    assertThat(samples.get(0).timestamp()).hasValue(1.7e12);
    assertThat(samples.get(1).timestamp()).hasValue(-5);
    assertThat(samples.get(2).timestamp()).hasValue(1.70000000025e9);
    assertThat(samples.get(3).timestamp()).isEmpty();
    assertThatThrownBy(() -> Exposition.parse("a 1 soon"))
        .hasMessageContaining("'soon' is not a timestamp");
    assertThatThrownBy(() -> Exposition.parse("a 1 +Inf"))
        .hasMessageContaining("'+Inf' is not a timestamp");
  }

  @Test
  void readsOpenMetricsExemplarsAndStopsAtEof() {
    Exposition scrape = Exposition.parse("""
        # TYPE latency histogram
        # UNIT latency seconds
        latency_bucket{le="0.5"} 3 # \
        {trace_id="4bf92f3577b34da6a3ce929d0e0e4736",span_id="00f067aa0ba902b7"} 0.42 1700000000.5
        latency_bucket{le="+Inf"} 4 1700000001 # {trace_id="abc"} 7
        latency_count 4
        # EOF
        after_eof 1
        """);

    assertThat(scrape.openMetrics()).isTrue();
    assertThat(scrape.types()).containsEntry("latency", "histogram");
    assertThat(scrape.metricNames()).containsExactly("latency_bucket", "latency_count");
    Exemplar first = scrape.samples().get(0).exemplar().orElseThrow();
    assertThat(first.labels()).containsExactly(Map.entry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"),
        Map.entry("span_id", "00f067aa0ba902b7"));
    assertThat(first.value()).isEqualTo(0.42);
    assertThat(first.timestamp()).hasValue(1700000000.5);
    Sample second = scrape.samples().get(1);
    assertThat(second.timestamp()).hasValue(1700000001);
    assertThat(second.exemplar()).get().satisfies(e -> {
      assertThat(e.value()).isEqualTo(7.0);
      assertThat(e.timestamp()).isEmpty();
    });
    assertThat(scrape.samples().get(2).exemplar()).isEmpty();
  }

  @Test
  void readsPrometheus3QuotedNames() {
    Exposition scrape = Exposition.parse("""
        # TYPE "http.server.requests" counter
        {"http.server.requests","url.scheme"="https",method="GET"} 2
        """);

    assertThat(scrape.types()).containsEntry("http.server.requests", "counter");
    Sample s = scrape.samples().get(0);
    assertThat(s.name()).isEqualTo("http.server.requests");
    assertThat(s.labels()).containsExactly(Map.entry("url.scheme", "https"), Map.entry("method", "GET"));
  }

  @Test
  void anEmptyExpositionHasNoSamples() {
    assertThat(Exposition.parse("").samples()).isEmpty();
    assertThat(Exposition.parse("# HELP x nothing yet\n\n").samples()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "<html><body>502 Bad Gateway</body></html>|expected a metric name",
      "broken{a=\"1\" 2|expected ',' or '}' in the label set",
      "broken{a=\"1\"}|expected a space and a value after broken",
      "broken{a=\"1|unterminated quoted string",
      "broken{a=\"1\",|unterminated label set",
      "broken{a=1} 2|expected a quoted value for label a",
      "broken{a-b=\"1\"} 2|expected '=' after label a",
      "broken{a=\"1\",a=\"2\"} 2|label a appears twice",
      "broken{\"x\"} 2|expected '=' after label x",
      "9lives 1|expected a metric name",
      "m 1 2 3|unexpected '3' after the sample",
      "m 1 # trace|expected '{' to open the exemplar's labels",
      "m 1 # {a=\"b\"}|expected a space and the exemplar's value",
      "# TYPE m countr|after # TYPE",
      "# TYPE|after # TYPE"})
  void refusesWhatIsNotAnExpositionNamingSourceAndLine(String badLine, String problem) {
    assertThatThrownBy(() -> Exposition.parse("ok 1\n" + badLine + "\n", "scrape.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scrape.txt line 2: ")
        .hasMessageContaining(problem)
        .hasMessageContaining("not a Prometheus text exposition?")
        .hasMessageEndingWith(badLine);
  }

  @Test
  void formatsValuesAsAnExpositionShowsThem() {
    assertThat(Exposition.formatValue(3)).isEqualTo("3");
    assertThat(Exposition.formatValue(0.5)).isEqualTo("0.5");
    assertThat(Exposition.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(Exposition.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(Exposition.formatValue(Double.NaN)).isEqualTo("NaN");
    assertThat(Exposition.format("m", Map.of())).isEqualTo("m");
  }
}
