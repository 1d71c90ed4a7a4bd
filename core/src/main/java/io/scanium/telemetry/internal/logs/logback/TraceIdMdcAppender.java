package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.Span;

/**
 * OpenTelemetry's Logback MDC appender, used as a decorator placed before the service's own appenders on a logger:
 * it writes {@code trace_id}, {@code span_id} and {@code trace_flags} into the event's MDC, which every later
 * appender of that event (console, file, JSON encoders) then sees, so {@code %X{trace_id}} works without the
 * service wrapping its appenders in it.
 *
 * <p>It has no appenders of its own. Outside a span it returns at once: the library would otherwise copy the MDC of
 * every event for nothing.
 */
final class TraceIdMdcAppender extends io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender {

  static final String NAME = "scanium-trace-ids";

  TraceIdMdcAppender() {
    setName(NAME);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (Span.current().getSpanContext().isValid()) {
      super.append(event);
    }
  }
}
