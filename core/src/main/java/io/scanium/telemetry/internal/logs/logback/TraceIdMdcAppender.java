package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.internal.Diagnostics;

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

  // Set once the decorator failed with an Error: it repeats on every event, so the decorator stops for good.
  private static volatile boolean broken;

  @Override
  protected void append(ILoggingEvent event) {
    if (broken) {
      return;
    }
    try {
      if (Span.current().getSpanContext().isValid()) {
        super.append(event);
      }
    } catch (Throwable t) {
      // It runs inside the application's logging call, before its console appender: nothing may leave it. Only the
      // console's trace ids depend on it, so log export is not switched off for it.
      if (t instanceof Error) {
        broken = true;
        Diagnostics.print("[scanium-telemetry] ERROR console trace ids disabled: OpenTelemetry's Logback MDC appender"
            + " failed with " + t + "; %X{trace_id} stays empty from now on, the application's logging and log export"
            + " are not affected. Likely cause: a dependency version mismatch (opentelemetry-logback-mdc-1.0 against"
            + " the opentelemetry-api on the class path).");
      }
    }
  }
}
