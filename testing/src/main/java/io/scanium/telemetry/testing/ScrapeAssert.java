package io.scanium.telemetry.testing;

import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Assertions on scrape text:
 * {@code assertThat(capture).scrape().containsSeries("scanium_http_requests_total", Map.of("route",
 * "/v1/items/{id}"))}.
 *
 * <p>Obtained from a capture, it scrapes the registry again until the assertion holds or the await timeout passes;
 * obtained from a {@link ScrapeText}, it checks that text once.
 */
public final class ScrapeAssert {

  private final Supplier<ScrapeText> scrape;
  private final String description;
  private final Duration timeout;

  ScrapeAssert(ScrapeText text) {
    this(() -> text, "", Duration.ZERO);
  }

  ScrapeAssert(Supplier<ScrapeText> scrape, String description, Duration timeout) {
    this.scrape = scrape;
    this.description = description;
    this.timeout = timeout;
  }

  /**
   * Some sample of {@code name} (as exposed: {@code scanium_http_requests_total},
   * {@code scanium_http_request_duration_ms_bucket}) carries every one of {@code labels}; other labels may be
   * present.
   */
  public ScrapeAssert containsSeries(String name, Map<String, String> labels) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
    ScrapeText text = Await.until(scrape, s -> !s.series(name, labels).isEmpty(), timeout);
    if (text.series(name, labels).isEmpty()) {
      throw new AssertionError(description + "expected the scrape to contain a series "
          + Exposition.format(name, labels) + " but it does not" + waited() + "; " + found(text, name));
    }
    return this;
  }

  /** No sample of {@code name} carries all of {@code labels} (e.g. no raw path as a route). Checked once. */
  public ScrapeAssert doesNotContainSeries(String name, Map<String, String> labels) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
    ScrapeText text = scrape.get();
    List<Sample> found = text.series(name, labels);
    if (!found.isEmpty()) {
      StringBuilder sb = new StringBuilder(description).append("expected the scrape not to contain a series ")
          .append(Exposition.format(name, labels)).append(" but found:");
      found.forEach(s -> sb.append("\n  ").append(s));
      throw new AssertionError(sb.toString());
    }
    return this;
  }

  /** Some sample is named {@code name}. */
  public ScrapeAssert containsMetric(String name) {
    return containsSeries(name, Map.of());
  }

  /** The scrape this assertion last read, for further checks of your own. */
  public ScrapeText actual() {
    return scrape.get();
  }

  private String waited() {
    return timeout.isZero() ? "" : " (waited up to " + timeout.toMillis() + " ms)";
  }

  private static String found(ScrapeText text, String name) {
    List<Sample> same = text.series(name, Map.of());
    if (same.isEmpty()) {
      return "no sample is named " + name + "; metric names found: " + String.join(", ", text.metricNames());
    }
    StringBuilder sb = new StringBuilder("series found:");
    same.forEach(s -> sb.append("\n  ").append(s));
    return sb.toString();
  }
}
