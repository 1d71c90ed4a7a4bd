package io.scanium.telemetry.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Prometheus client library writes, in both text formats, reads back to the values it was given. */
class ClientLibraryWritersTest {

  private static final String ODD = "a \"quoted\" \\ path\nnext";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @BeforeEach
  void record() {
    Counter.builder().name("shop_orders").labelNames("kind").register(registry).labelValues(ODD).inc(2);
    Histogram latency = Histogram.builder().name("latency_seconds").classicUpperBounds(0.5, 1.0)
        .labelNames("route").register(registry);
    latency.labelValues("/a").observeWithExemplar(0.25, Labels.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
    latency.labelValues("/a").observe(2.0);
  }

  @Test
  void readsThePrometheusTextFormat() throws IOException {
    Exposition scrape = Exposition.parse(write(PrometheusTextFormatWriter.create()));

    assertThat(scrape.openMetrics()).isFalse();
    assertThat(scrape.value("shop_orders_total", Map.of("kind", ODD))).isEqualTo(2.0);
    assertThat(scrape.types()).containsEntry("shop_orders_total", "counter").containsEntry("latency_seconds",
        "histogram");
    assertThat(scrape.value("latency_seconds_bucket", Map.of("route", "/a", "le", "+Inf"))).isEqualTo(2.0);
    assertThat(scrape.value("latency_seconds_bucket", Map.of("route", "/a", "le", "0.5"))).isEqualTo(1.0);
    assertThat(scrape.value("latency_seconds_sum", Map.of("route", "/a"))).isEqualTo(2.25);
  }

  @Test
  void readsOpenMetricsWithItsExemplars() throws IOException {
    Exposition scrape = Exposition.parse(write(OpenMetricsTextFormatWriter.builder()
        .setCreatedTimestampsEnabled(false).setExemplarsOnAllMetricTypesEnabled(true).build()));

    assertThat(scrape.openMetrics()).isTrue();
    assertThat(scrape.types()).containsEntry("shop_orders", "counter");
    assertThat(scrape.value("shop_orders_total", Map.of("kind", ODD))).isEqualTo(2.0);
    Sample bucket = scrape.series("latency_seconds_bucket", Map.of("route", "/a", "le", "0.5")).get(0);
    assertThat(bucket.value()).isEqualTo(1.0);
    assertThat(bucket.exemplar()).get().satisfies(e -> {
      assertThat(e.labels()).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(e.value()).isEqualTo(0.25);
      assertThat(e.timestamp()).isPresent();
    });
  }

  private String write(ExpositionFormatWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
