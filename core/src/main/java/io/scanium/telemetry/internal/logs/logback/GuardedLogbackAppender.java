package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.scanium.telemetry.internal.logs.LogGuard;

/**
 * OpenTelemetry's Logback appender as the library attaches it: Logback catches only exceptions around an appender,
 * so an {@link Error} from the appender (a method missing from the OpenTelemetry API on the class path) would
 * otherwise leave the application's logging call. Here it switches log export off instead (see {@link LogGuard}).
 */
final class GuardedLogbackAppender extends OpenTelemetryAppender {

  static final String WHERE = "the Logback OpenTelemetry appender";

  @Override
  protected void append(ILoggingEvent event) {
    if (LogGuard.off()) {
      return;
    }
    try {
      super.append(event);
    } catch (Throwable t) {
      LogGuard.failed(WHERE, t);
    }
  }
}
