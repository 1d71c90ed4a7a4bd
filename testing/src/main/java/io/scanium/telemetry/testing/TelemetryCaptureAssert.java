package io.scanium.telemetry.testing;

import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * The entry point of the assertions on a {@link TelemetryCapture}: metrics ({@link #httpRequests()},
 * {@link #httpDurations()}, {@link #httpRequestsInFlight()}, {@link #metric}), spans ({@link #hasSpan}), log records
 * ({@link #hasLog}) and the scrape text ({@link #scrape()}).
 *
 * <p>Assertions wait up to the capture's await timeout for what is still being recorded (see {@link #within} to
 * change it for one chain); a description given with {@code as(...)} prefixes their failure messages.
 */
public final class TelemetryCaptureAssert extends AbstractAssert<TelemetryCaptureAssert, TelemetryCapture> {

  private Duration timeout;

  TelemetryCaptureAssert(TelemetryCapture capture) {
    super(Objects.requireNonNull(capture, "capture"), TelemetryCaptureAssert.class);
    this.timeout = capture.awaitTimeout();
  }

  /** Waits at most {@code timeout} (instead of the capture's await timeout) in the assertions that follow. */
  public TelemetryCaptureAssert within(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /** The {@code scanium_http_requests_total} series, to select by label and count. */
  public HttpRequestsAssert httpRequests() {
    return new HttpRequestsAssert(actual, prefix(), timeout);
  }

  /** The {@code scanium_http_request_duration_ms} histograms, to select by label and check count and sum. */
  public HttpDurationsAssert httpDurations() {
    return new HttpDurationsAssert(actual, prefix(), timeout);
  }

  /** The {@code scanium_http_requests_in_flight} gauges. */
  public HttpInFlightAssert httpRequestsInFlight() {
    return new HttpInFlightAssert(actual, prefix(), timeout);
  }

  /** Any sample of the registry by its exposed name, e.g. a metric of the application's own. */
  public MetricAssert metric(String sampleName) {
    return new MetricAssert(actual, prefix(), timeout, sampleName);
  }

  /** A span with this name ({@code GET /v1/items/{id}} for a server span) was captured. */
  public SpanAssert hasSpan(String name) {
    return new SpanAssert(actual, prefix(), timeout, name);
  }

  /** A log record with exactly this message (body) was captured. */
  public LogAssert hasLog(String message) {
    Objects.requireNonNull(message, "message");
    return new LogAssert(actual, prefix(), timeout, "\"" + message + "\"", r -> LogAssert.body(r).equals(message));
  }

  /** A log record whose message contains {@code text} was captured. */
  public LogAssert hasLogContaining(String text) {
    Objects.requireNonNull(text, "text");
    return new LogAssert(actual, prefix(), timeout, "containing \"" + text + "\"",
        r -> LogAssert.body(r).contains(text));
  }

  /** No span has ended (checked now, without waiting). */
  public TelemetryCaptureAssert hasNoSpans() {
    List<SpanData> spans = actual.spans();
    if (!spans.isEmpty()) {
      StringBuilder sb = new StringBuilder(prefix()).append("expected no spans but found ").append(spans.size())
          .append(':');
      spans.stream().limit(25).forEach(s -> sb.append("\n  ").append(SpanAssert.describe(s)));
      throw new AssertionError(sb.toString());
    }
    return this;
  }

  /** No log record was emitted (checked now, without waiting). */
  public TelemetryCaptureAssert hasNoLogs() {
    List<LogRecordData> logs = actual.logs();
    if (!logs.isEmpty()) {
      StringBuilder sb = new StringBuilder(prefix()).append("expected no log records but found ").append(logs.size())
          .append(':');
      logs.stream().limit(25).forEach(r -> sb.append("\n  \"").append(LogAssert.body(r)).append('"'));
      throw new AssertionError(sb.toString());
    }
    return this;
  }

  /** The registry's scrape text, as its endpoint serves it. */
  public ScrapeAssert scrape() {
    return new ScrapeAssert(actual::scrape, prefix(), timeout);
  }

  private String prefix() {
    String text = info.descriptionText();
    return text == null || text.isEmpty() ? "" : "[" + text + "] ";
  }
}
