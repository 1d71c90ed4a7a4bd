package io.scanium.telemetry.testing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Finds a span by name and narrows it down condition by condition:
 * {@code assertThat(capture).hasSpan("GET /v1/items/{id}").isServer().withAttribute("http.route", "/v1/items/{id}")}.
 *
 * <p>Each condition is an assertion: it passes when at least one captured span meets it and every condition before
 * it, waiting up to the await timeout for spans still ending; so with several requests to one route,
 * {@code withAttribute("url.path", "/v1/items/2")} picks the right one. {@link #span()} hands back the first span
 * that meets them all, e.g. to check another span's parent or a log record's trace id against it.
 *
 * <p>Failure messages name every condition and list each span captured with its kind, ids, parent and attributes.
 */
public final class SpanAssert {

  private static final int MAX_LISTED = 25;

  private final TelemetryCapture capture;
  private final String description;
  private final Duration timeout;
  private final List<String> conditions = new ArrayList<>();
  private final List<Predicate<SpanData>> tests = new ArrayList<>();

  SpanAssert(TelemetryCapture capture, String description, Duration timeout, String name) {
    this.capture = capture;
    this.description = description;
    this.timeout = timeout;
    Objects.requireNonNull(name, "name");
    add("named \"" + name + "\"", s -> s.getName().equals(name));
  }

  /** The span has this attribute with this value, compared as text ({@code 200} matches the long {@code 200}). */
  public SpanAssert withAttribute(String key, Object value) {
    Objects.requireNonNull(key, "key");
    String expected = String.valueOf(Objects.requireNonNull(value, "value"));
    return add(key + "=" + expected, s -> expected.equals(attribute(s, key)));
  }

  /** The span has this typed attribute with this value. */
  public <T> SpanAssert withAttribute(AttributeKey<T> key, T value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return add(key.getKey() + "=" + value, s -> value.equals(s.getAttributes().get(key)));
  }

  /** The span does not carry this attribute at all. */
  public SpanAssert withoutAttribute(String key) {
    Objects.requireNonNull(key, "key");
    return add("no " + key, s -> attribute(s, key) == null);
  }

  /** The span is a child of {@code parent}: same trace, and {@code parent}'s span id as its parent span id. */
  public SpanAssert withParent(SpanData parent) {
    Objects.requireNonNull(parent, "parent");
    return withParent(parent.getSpanContext(), "\"" + parent.getName() + "\" (" + parent.getSpanId() + ")");
  }

  /** The span is a child of the span with this context (e.g. a caller's, propagated in {@code traceparent}). */
  public SpanAssert withParent(SpanContext parent) {
    Objects.requireNonNull(parent, "parent");
    return withParent(parent, parent.getSpanId());
  }

  private SpanAssert withParent(SpanContext parent, String shown) {
    return add("parent " + shown, s -> s.getTraceId().equals(parent.getTraceId())
        && s.getParentSpanId().equals(parent.getSpanId()));
  }

  /** The span has no parent: it starts a trace. */
  public SpanAssert isRoot() {
    return add("no parent", s -> !s.getParentSpanContext().isValid());
  }

  /** The span is in the same trace as {@code other}. */
  public SpanAssert inTraceOf(SpanData other) {
    Objects.requireNonNull(other, "other");
    return add("trace " + other.getTraceId(), s -> s.getTraceId().equals(other.getTraceId()));
  }

  /** The span is of kind {@code SERVER}: the one an adapter records for each request. */
  public SpanAssert isServer() {
    return hasKind(SpanKind.SERVER);
  }

  /** The span is of this kind. */
  public SpanAssert hasKind(SpanKind kind) {
    Objects.requireNonNull(kind, "kind");
    return add("kind " + kind, s -> s.getKind() == kind);
  }

  /** The span's status is this one ({@code ERROR} for 5xx and exceptions, {@code UNSET} otherwise). */
  public SpanAssert hasStatus(StatusCode status) {
    Objects.requireNonNull(status, "status");
    return add("status " + status, s -> s.getStatus().getStatusCode() == status);
  }

  /** The first captured span that meets every condition. */
  public SpanData span() {
    return matching().get(0);
  }

  private SpanAssert add(String condition, Predicate<SpanData> test) {
    conditions.add(condition);
    tests.add(test);
    matching();
    return this;
  }

  /** The spans meeting every condition, after waiting for at least one; never empty. */
  private List<SpanData> matching() {
    List<SpanData> all = Await.until(capture::spans, spans -> !filter(spans).isEmpty(), timeout);
    List<SpanData> found = filter(all);
    if (found.isEmpty()) {
      throw new AssertionError(description + failure(all));
    }
    return found;
  }

  private List<SpanData> filter(List<SpanData> spans) {
    List<SpanData> out = new ArrayList<>();
    for (SpanData s : spans) {
      if (tests.stream().allMatch(t -> t.test(s))) {
        out.add(s);
      }
    }
    return out;
  }

  private String failure(List<SpanData> all) {
    StringBuilder sb = new StringBuilder("expected a span ").append(String.join(", ", conditions))
        .append(" but found none");
    sb.append(Narrowing.explain(all, tests, conditions, "span"));
    if (!timeout.isZero()) {
      sb.append(" (waited up to ").append(timeout.toMillis()).append(" ms)");
    }
    if (all.isEmpty()) {
      return sb.append("; spans found: none").toString();
    }
    sb.append("; spans found:");
    for (int i = 0; i < all.size() && i < MAX_LISTED; i++) {
      sb.append("\n  ").append(describe(all.get(i)));
    }
    if (all.size() > MAX_LISTED) {
      sb.append("\n  ... and ").append(all.size() - MAX_LISTED).append(" more");
    }
    return sb.toString();
  }

  /** One line per span: what a reader needs to see why it did not match. */
  static String describe(SpanData s) {
    StringBuilder sb = new StringBuilder("\"").append(s.getName()).append("\" ").append(s.getKind())
        .append(" trace=").append(s.getTraceId()).append(" span=").append(s.getSpanId())
        .append(" parent=").append(s.getParentSpanContext().isValid() ? s.getParentSpanId() : "none");
    if (s.getStatus().getStatusCode() != StatusCode.UNSET) {
      sb.append(" status=").append(s.getStatus().getStatusCode());
    }
    sb.append(' ').append(attributes(s.getAttributes()));
    return sb.toString();
  }

  static String attributes(io.opentelemetry.api.common.Attributes attributes) {
    StringBuilder sb = new StringBuilder("{");
    attributes.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(k.getKey()).append('=').append(v);
    });
    return sb.append('}').toString();
  }

  private static String attribute(SpanData s, String key) {
    Object[] found = new Object[1];
    s.getAttributes().forEach((k, v) -> {
      if (k.getKey().equals(key)) {
        found[0] = v;
      }
    });
    return found[0] == null ? null : String.valueOf(found[0]);
  }
}
