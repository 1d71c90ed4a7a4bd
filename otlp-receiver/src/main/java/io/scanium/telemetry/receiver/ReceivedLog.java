package io.scanium.telemetry.receiver;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One log record as the receiver decoded it, flattened together with the resource and scope it was sent under.
 *
 * @param resource the resource of the {@code ResourceLogs} that carried the record
 * @param scope the instrumentation scope of the {@code ScopeLogs} that carried the record
 * @param logRecord the decoded log record
 */
public record ReceivedLog(Resource resource, InstrumentationScope scope, LogRecord logRecord) {

  /**
   * Checks that no part is missing, because the views are built only from decoded requests.
   *
   * @param resource the resource, never {@code null}
   * @param scope the scope, never {@code null}
   * @param logRecord the log record, never {@code null}
   */
  public ReceivedLog {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(logRecord, "logRecord");
  }

  /**
   * Returns a predicate that matches log records by body and describes itself in {@code await*} failures.
   *
   * @param body the exact string form of the body
   * @return the predicate
   */
  public static Predicate<ReceivedLog> withBody(String body) {
    Objects.requireNonNull(body, "body");
    return OtlpReceiver.matching("log with body '" + body + "'", l -> body.equals(l.body()));
  }

  /**
   * Returns the string form of the body (see {@link OtlpReceiver#stringValue}).
   *
   * @return the body, or {@code null} when the record has none
   */
  public String body() {
    return logRecord.hasBody() ? OtlpValues.stringValue(logRecord.getBody()) : null;
  }

  /**
   * Returns the severity text, such as {@code INFO}.
   *
   * @return the text, empty when the sender set none
   */
  public String severityText() {
    return logRecord.getSeverityText();
  }

  /**
   * Returns the severity number.
   *
   * @return the number as sent
   */
  public SeverityNumber severityNumber() {
    return logRecord.getSeverityNumber();
  }

  /**
   * Returns the event name of the record.
   *
   * @return the event name, empty when the record is no event
   */
  public String eventName() {
    return logRecord.getEventName();
  }

  /**
   * Returns the trace id of the span that was current when the record was emitted.
   *
   * @return 32 lowercase hex digits, or an empty string when the record is not correlated to a trace
   */
  public String traceIdHex() {
    return OtlpValues.hex(logRecord.getTraceId());
  }

  /**
   * Returns the span id of the span that was current when the record was emitted.
   *
   * @return 16 lowercase hex digits, or an empty string when the record is not correlated to a span
   */
  public String spanIdHex() {
    return OtlpValues.hex(logRecord.getSpanId());
  }

  /**
   * Returns the string form of a log record attribute.
   *
   * @param key the attribute key
   * @return the value as a string, or {@code null} when the record has no such attribute
   */
  public String attribute(String key) {
    return OtlpValues.attribute(logRecord.getAttributesList(), key);
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
   * Returns the name of the instrumentation scope (for log appenders usually the logger name).
   *
   * @return the scope name, empty when the sender set none
   */
  public String scopeName() {
    return scope.getName();
  }

  /**
   * Returns a one-line summary, because the proto's own text form spans many lines and drowns a failure message.
   *
   * @return the severity, body, ids and attributes of the record
   */
  @Override
  public String toString() {
    return "log " + (severityText().isEmpty() ? severityNumber() : severityText()) + " '" + body() + "'"
        + (traceIdHex().isEmpty() ? "" : " trace=" + traceIdHex() + " span=" + spanIdHex())
        + " attributes=" + OtlpValues.attributesToString(logRecord.getAttributesList());
  }
}
