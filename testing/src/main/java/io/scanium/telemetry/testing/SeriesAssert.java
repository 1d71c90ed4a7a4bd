package io.scanium.telemetry.testing;

import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * Selects the series of one metric by label values, then asserts on the sum of the selected series' values. Labels
 * not named are not constrained: {@code withMethod("GET")} adds up every route and status of {@code GET}.
 *
 * <p>Each assertion reads the registry, as a scrape would, until the value matches or the capture's await timeout
 * passes (requests are recorded just after the client receives the response). Failure messages name the series
 * asked for, the value found, and every series of the metric with its labels and value.
 *
 * @param <SELF> the concrete assertion, for chaining
 */
public abstract class SeriesAssert<SELF extends SeriesAssert<SELF>> {

  final TelemetryCapture capture;
  final String description;
  final Duration timeout;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final SELF self;

  SeriesAssert(TelemetryCapture capture, String description, Duration timeout, Class<?> selfType) {
    this.capture = capture;
    this.description = description;
    this.timeout = timeout;
    @SuppressWarnings("unchecked")
    SELF s = (SELF) selfType.cast(this);
    this.self = s;
  }

  /** Only series whose label {@code name} is {@code value}. */
  public SELF withLabel(String name, String value) {
    labels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return self;
  }

  /** Only series of this request method ({@code GET}, ..., or {@code _OTHER}). */
  public SELF withMethod(String method) {
    return withLabel(ScaniumMetrics.LABEL_METHOD, method);
  }

  /** The labels selected so far, in the order they were given. */
  public Map<String, String> labels() {
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Waits until the sum of the selected samples of {@code sampleName} satisfies {@code done}, or fails.
   *
   * @param expectation e.g. "to be 3", "to be greater than 5"
   * @param hopeless when waiting cannot help (a counter already above the expected count)
   */
  final void await(String sampleName, String expectation, DoublePredicate done, DoublePredicate hopeless) {
    ScrapeText scrape = Await.until(capture::scrape, s -> done.test(s.value(sampleName, labels)),
        s -> hopeless.test(s.value(sampleName, labels)), timeout);
    double value = scrape.value(sampleName, labels);
    if (!done.test(value)) {
      throw new AssertionError(description + failure(scrape, sampleName, expectation, value));
    }
  }

  private String failure(ScrapeText scrape, String sampleName, String expectation, double value) {
    List<Sample> matching = scrape.series(sampleName, labels);
    StringBuilder sb = new StringBuilder("expected ").append(Exposition.format(sampleName, labels)).append(' ')
        .append(expectation).append(" but was ").append(Exposition.formatValue(value));
    if (matching.size() > 1) {
      sb.append(" (the sum of ").append(matching.size()).append(" matching series)");
    }
    if (!timeout.isZero()) {
      sb.append(" (waited up to ").append(timeout.toMillis()).append(" ms)");
    }
    List<Sample> all = scrape.series(sampleName, Map.of());
    if (all.isEmpty()) {
      sb.append("; series found: none of ").append(sampleName).append(" (nothing recorded yet)");
    } else {
      sb.append("; series found:");
      for (Sample s : all) {
        sb.append("\n  ").append(s);
      }
    }
    return sb.toString();
  }
}
