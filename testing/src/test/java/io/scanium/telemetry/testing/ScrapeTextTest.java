package io.scanium.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.exposition.Sample;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeTextTest {

  @Test
  void readsNamesLabelsAndValues() {
    ScrapeText scrape = ScrapeText.parse("""
        # HELP scanium_http_requests_total HTTP requests.
        # TYPE scanium_http_requests_total counter
        scanium_http_requests_total{method="GET",route="/v1/items/{id}",status_code="200"} 3
        scanium_http_requests_total{method="POST",route="/v1/classify",status_code="200"} 1.0 1700000000000
        scanium_http_request_duration_ms_bucket{route="/v1/items/{id}",le="+Inf"} 3 # {trace_id="abc"} 4.2
        up 1
        """);

    assertThat(scrape.samples()).hasSize(4);
    assertThat(scrape.value("scanium_http_requests_total", Map.of("method", "GET"))).isEqualTo(3.0);
    assertThat(scrape.value("scanium_http_requests_total", Map.of())).isEqualTo(4.0);
    assertThat(scrape.value("scanium_http_requests_total", Map.of("method", "PUT"))).isZero();
    assertThat(scrape.series("scanium_http_request_duration_ms_bucket", Map.of("le", "+Inf")))
        .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
    assertThat(scrape.metricNames()).containsExactly("scanium_http_requests_total",
        "scanium_http_request_duration_ms_bucket", "up");
    assertThat(scrape.samples().get(0).toString())
        .isEqualTo("scanium_http_requests_total{method=\"GET\",route=\"/v1/items/{id}\",status_code=\"200\"} 3");
  }

  @Test
  void unescapesLabelValuesAndWritesThemEscapedAgain() {
    ScrapeText scrape = ScrapeText.parse("m{path=\"a \\\"quoted\\\" \\\\ path\\nnext\"} NaN\nn{x=\"1\"} -Inf\n");

    Sample m = scrape.samples().get(0);
    assertThat(m.labels()).containsEntry("path", "a \"quoted\" \\ path\nnext");
    assertThat(m.value()).isNaN();
    assertThat(m.series()).isEqualTo("m{path=\"a \\\"quoted\\\" \\\\ path\\nnext\"}");
    assertThat(scrape.samples().get(1).value()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void readsOpenMetricsUpToEof() {
    ScrapeText scrape = ScrapeText.parse("""
        # TYPE a counter
        a_total 1
        a_created 1.7e9
        # EOF
        """);

    assertThat(scrape.metricNames()).containsExactly("a_total", "a_created");
  }

  @Test
  void refusesWhatIsNotAnExposition() {
    assertThatThrownBy(() -> ScrapeText.parse("<html><body>502 Bad Gateway</body></html>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("not a Prometheus text exposition?");
    assertThatThrownBy(() -> ScrapeText.parse("ok 1\nbroken{a=\"1\" 2\n"))
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> ScrapeText.parse("m one"))
        .hasMessageContaining("'one' is not a sample value");
  }

  @Test
  void readsARegistryAsItsEndpointServesIt() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter orders = Counter.builder().name("shop_orders").labelNames("kind").register(registry);
    orders.labelValues("book").inc(2);

    ScrapeText scrape = ScrapeText.of(registry);
    assertThat(scrape.value("shop_orders_total", Map.of("kind", "book"))).isEqualTo(2.0);
    assertThat(scrape.text()).contains("# TYPE shop_orders_total counter");
    TelemetryAssertions.assertThat(scrape).containsSeries("shop_orders_total", Map.of("kind", "book"))
        .doesNotContainSeries("shop_orders_total", Map.of("kind", "toy"));
  }
}
