package io.scanium.telemetry.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AssertProvider;

/**
 * A scrape to assert on: a Prometheus text exposition (format 0.0.4, or OpenMetrics text) read by the project's
 * exposition parser ({@link Exposition}), every sample with its metric name, its labels and its value, as a scraper
 * would store them.
 *
 * <p>Label values are unescaped ({@code \"}, {@code \\}, {@code \n}); exemplars ({@code # {trace_id="..."} 1.0})
 * and timestamps are read too. A line that is neither a comment nor a sample fails the parse with its line number:
 * an HTML error page served on {@code /metrics} must not look like a service that exports nothing.
 *
 * <pre>{@code
 * ScrapeText scrape = ScrapeText.of(telemetry.registry());
 * double ok = scrape.value("scanium_http_requests_total", Map.of("route", "/v1/items/{id}", "status_code", "200"));
 * assertThat(scrape).containsSeries("scanium_http_requests_total", Map.of("route", "/v1/items/{id}"));
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class ScrapeText implements AssertProvider<ScrapeAssert> {

  private final Exposition exposition;

  private ScrapeText(Exposition exposition) {
    this.exposition = exposition;
  }

  /**
   * Parses exposition text.
   *
   * @throws IllegalArgumentException when a line is neither a comment nor a valid sample; the message names it
   */
  public static ScrapeText parse(String text) {
    Objects.requireNonNull(text, "text");
    return new ScrapeText(Exposition.parse(text));
  }

  /**
   * The exposition a registry's scrape endpoint serves: written by the Prometheus client library's own text format
   * writer, then parsed, so names and suffixes ({@code _total}, {@code _bucket}, {@code _count}) are those of a real
   * scrape.
   */
  public static ScrapeText of(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the registry in the Prometheus text format", e);
    }
    return parse(out.toString(StandardCharsets.UTF_8));
  }

  /** The exposition text as given. */
  public String text() {
    return exposition.text();
  }

  /** The parsed exposition, with declared types and exemplars. */
  public Exposition exposition() {
    return exposition;
  }

  /** Every sample, in exposition order. */
  public List<Sample> samples() {
    return exposition.samples();
  }

  /** The distinct metric names of the samples ({@code scanium_http_requests_total}, {@code ..._bucket}, ...). */
  public Set<String> metricNames() {
    return exposition.metricNames();
  }

  /** The samples of one metric name whose labels include every one of {@code labels} (others may be present). */
  public List<Sample> series(String name, Map<String, String> labels) {
    return exposition.series(name, labels);
  }

  /** The sum of the values of the samples {@link #series} finds; 0 when there are none. */
  public double value(String name, Map<String, String> labels) {
    return exposition.value(name, labels);
  }

  /** Assertions on this scrape: {@code assertThat(scrape).containsSeries(...)}. */
  @Override
  public ScrapeAssert assertThat() {
    return new ScrapeAssert(this);
  }

  @Override
  public String toString() {
    return "ScrapeText[" + samples().size() + " samples]";
  }
}
