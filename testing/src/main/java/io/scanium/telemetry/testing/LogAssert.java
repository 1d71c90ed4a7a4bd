package io.scanium.telemetry.testing;

import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds a log record by its message and narrows it down condition by condition:
 * {@code assertThat(capture).hasLog("classified item").withTraceIdOf(span).withAttribute("category", "books")}.
 *
 * <p>The records are those the application logs through SLF4J (routed to the SDK by Scanium telemetry when
 * Logback or Log4j 2 is the provider) and those emitted on the OpenTelemetry Logs API. Loggers under
 * {@code io.opentelemetry} and {@code io.scanium.telemetry} are never exported, so a test's own logger must be named
 * otherwise. Each condition waits, like {@link SpanAssert}'s, for a record that meets it and all before it.
 */
public final class LogAssert {

  private static final int MAX_LISTED = 25;

  private final TelemetryCapture capture;
  private final String description;
  private final Duration timeout;
  private final List<String> conditions = new ArrayList<>();
  private final List<Predicate<LogRecordData>> tests = new ArrayList<>();

  LogAssert(TelemetryCapture capture, String description, Duration timeout, String condition,
      Predicate<LogRecordData> test) {
    this.capture = capture;
    this.description = description;
    this.timeout = timeout;
    add(condition, test);
  }

  /** The record was logged while {@code span} was current: it carries the span's trace id. */
  public LogAssert withTraceIdOf(SpanData span) {
    Objects.requireNonNull(span, "span");
    return withTraceId(span.getTraceId(), "\"" + span.getName() + "\" (" + span.getTraceId() + ")");
  }

  /** The record carries the trace id of this span context. */
  public LogAssert withTraceIdOf(SpanContext span) {
    Objects.requireNonNull(span, "span");
    return withTraceId(span.getTraceId(), span.getTraceId());
  }

  private LogAssert withTraceId(String traceId, String shown) {
    return add("the trace id of " + shown, r -> r.getSpanContext().getTraceId().equals(traceId));
  }

  /** The record was logged while exactly this span was current (same span id, not only the same trace). */
  public LogAssert withSpanIdOf(SpanData span) {
    Objects.requireNonNull(span, "span");
    return add("the span id of \"" + span.getName() + "\" (" + span.getSpanId() + ")",
        r -> r.getSpanContext().getSpanId().equals(span.getSpanId())
            && r.getSpanContext().getTraceId().equals(span.getTraceId()));
  }

  /**
   * The record has this attribute (an SLF4J key-value pair, an MDC entry, ...) with this value, compared as text.
   */
  public LogAssert withAttribute(String key, Object value) {
    Objects.requireNonNull(key, "key");
    String expected = String.valueOf(Objects.requireNonNull(value, "value"));
    return add(key + "=" + expected, r -> {
      Object[] found = new Object[1];
      r.getAttributes().forEach((k, v) -> {
        if (k.getKey().equals(key)) {
          found[0] = v;
        }
      });
      return found[0] != null && expected.equals(String.valueOf(found[0]));
    });
  }

  /** The record has this severity ({@code INFO}, {@code WARN}, {@code ERROR}, ...). */
  public LogAssert withSeverity(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    return add("severity " + severity, r -> r.getSeverity() == severity);
  }

  /** The record was logged by this logger (its instrumentation scope, for SLF4J records). */
  public LogAssert fromLogger(String loggerName) {
    Objects.requireNonNull(loggerName, "loggerName");
    return add("from logger " + loggerName, r -> r.getInstrumentationScopeInfo().getName().equals(loggerName));
  }

  /** The first captured record that meets every condition. */
  public LogRecordData record() {
    return matching().get(0);
  }

  private LogAssert add(String condition, Predicate<LogRecordData> test) {
    conditions.add(condition);
    tests.add(test);
    matching();
    return this;
  }

  private List<LogRecordData> matching() {
    List<LogRecordData> all = Await.until(capture::logs, records -> !filter(records).isEmpty(), timeout);
    List<LogRecordData> found = filter(all);
    if (found.isEmpty()) {
      throw new AssertionError(description + failure(all));
    }
    return found;
  }

  private List<LogRecordData> filter(List<LogRecordData> records) {
    List<LogRecordData> out = new ArrayList<>();
    for (LogRecordData r : records) {
      if (tests.stream().allMatch(t -> t.test(r))) {
        out.add(r);
      }
    }
    return out;
  }

  private String failure(List<LogRecordData> all) {
    StringBuilder sb = new StringBuilder("expected a log record ").append(String.join(", ", conditions))
        .append(" but found none");
    sb.append(Narrowing.explain(all, tests, conditions, "record"));
    if (!timeout.isZero()) {
      sb.append(" (waited up to ").append(timeout.toMillis()).append(" ms)");
    }
    if (all.isEmpty()) {
      return sb.append("; log records found: none (is Logback or Log4j 2 the SLF4J provider, and is the logger"
          + " outside io.scanium.telemetry and io.opentelemetry?)").toString();
    }
    sb.append("; log records found:");
    for (int i = 0; i < all.size() && i < MAX_LISTED; i++) {
      sb.append("\n  ").append(describe(all.get(i)));
    }
    if (all.size() > MAX_LISTED) {
      sb.append("\n  ... and ").append(all.size() - MAX_LISTED).append(" more");
    }
    return sb.toString();
  }

  static String body(LogRecordData r) {
    Value<?> body = r.getBodyValue();
    return body == null ? "" : body.asString();
  }

  private static String describe(LogRecordData r) {
    SpanContext sc = r.getSpanContext();
    return r.getSeverity() + " \"" + body(r) + "\" logger=" + r.getInstrumentationScopeInfo().getName()
        + " trace=" + (sc.isValid() ? sc.getTraceId() : "none") + " span=" + (sc.isValid() ? sc.getSpanId() : "none")
        + " " + SpanAssert.attributes(r.getAttributes());
  }
}
