package io.scanium.telemetry.receiver;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One span as the receiver decoded it, flattened together with the resource and scope it was sent under,
 * so that a test can assert on it without walking the nested export request.
 *
 * @param resource the resource of the {@code ResourceSpans} that carried the span
 * @param scope the instrumentation scope of the {@code ScopeSpans} that carried the span
 * @param span the decoded span
 */
public record ReceivedSpan(Resource resource, InstrumentationScope scope, Span span) {

  /**
   * Checks that no part is missing, because the views are built only from decoded requests.
   *
   * @param resource the resource, never {@code null}
   * @param scope the scope, never {@code null}
   * @param span the span, never {@code null}
   */
  public ReceivedSpan {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(span, "span");
  }

  /**
   * Returns a predicate that matches spans by name and describes itself in {@code await*} failures.
   *
   * @param name the exact span name
   * @return the predicate
   */
  public static Predicate<ReceivedSpan> named(String name) {
    Objects.requireNonNull(name, "name");
    return OtlpReceiver.matching("span named '" + name + "'", s -> name.equals(s.name()));
  }

  /**
   * Returns a predicate that matches spans of one trace and describes itself in {@code await*} failures.
   *
   * @param traceIdHex the trace id as 32 lowercase hex digits
   * @return the predicate
   */
  public static Predicate<ReceivedSpan> inTrace(String traceIdHex) {
    Objects.requireNonNull(traceIdHex, "traceIdHex");
    return OtlpReceiver.matching("span in trace " + traceIdHex, s -> traceIdHex.equals(s.traceIdHex()));
  }

  /**
   * Returns the span name.
   *
   * @return the name, empty when the sender set none
   */
  public String name() {
    return span.getName();
  }

  /**
   * Returns the trace id in the form used by W3C {@code traceparent} and by the OpenTelemetry API.
   *
   * @return 32 lowercase hex digits, or an empty string when the sender set none
   */
  public String traceIdHex() {
    return OtlpValues.hex(span.getTraceId());
  }

  /**
   * Returns the span id in the form used by the OpenTelemetry API.
   *
   * @return 16 lowercase hex digits, or an empty string when the sender set none
   */
  public String spanIdHex() {
    return OtlpValues.hex(span.getSpanId());
  }

  /**
   * Returns the parent span id.
   *
   * @return 16 lowercase hex digits, or an empty string for a root span
   */
  public String parentSpanIdHex() {
    return OtlpValues.hex(span.getParentSpanId());
  }

  /**
   * Returns the span kind.
   *
   * @return the kind as sent
   */
  public Span.SpanKind kind() {
    return span.getKind();
  }

  /**
   * Returns the string form of a span attribute (see {@link OtlpReceiver#stringValue}).
   *
   * @param key the attribute key
   * @return the value as a string, or {@code null} when the span has no such attribute
   */
  public String attribute(String key) {
    return OtlpValues.attribute(span.getAttributesList(), key);
  }

  /**
   * Returns the string form of a resource attribute, such as {@code service.name}.
   *
   * @param key the attribute key
   * @return the value as a string, or {@code null} when the resource has no such attribute
   */
  public String resourceAttribute(String key) {
    return OtlpValues.attribute(resource.getAttributesList(), key);
  }

  /**
   * Returns the name of the instrumentation scope that produced the span.
   *
   * @return the scope name, empty when the sender set none
   */
  public String scopeName() {
    return scope.getName();
  }

  /**
   * Returns a one-line summary, because the proto's own text form spans many lines and drowns a failure message.
   *
   * @return the name, ids and attributes of the span
   */
  @Override
  public String toString() {
    return "span '" + name() + "' trace=" + traceIdHex() + " span=" + spanIdHex()
        + (parentSpanIdHex().isEmpty() ? "" : " parent=" + parentSpanIdHex())
        + " attributes=" + OtlpValues.attributesToString(span.getAttributesList());
  }
}
