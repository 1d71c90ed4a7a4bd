package io.scanium.telemetry.internal.logs.log4j;

import io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender;
import io.scanium.telemetry.internal.logs.LogGuard;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * OpenTelemetry's Log4j appender as the library attaches it, behind a guard: Log4j lets an {@link Error} from an
 * appender (a method missing from the OpenTelemetry API on the class path) leave the application's logging call.
 * Here it switches log export off instead (see {@link LogGuard}). The export filter sits on this guard, because
 * Log4j checks an appender's filter before calling it, not inside {@code append}.
 */
final class GuardedLog4jAppender extends AbstractAppender {

  static final String WHERE = "the Log4j2 OpenTelemetry appender";

  private final OpenTelemetryAppender delegate;

  GuardedLog4jAppender(String name, Filter filter, OpenTelemetryAppender delegate) {
    super(name, filter, null, true, Property.EMPTY_ARRAY);
    this.delegate = delegate;
  }

  @Override
  public void append(LogEvent event) {
    if (LogGuard.off()) {
      return;
    }
    try {
      delegate.append(event);
    } catch (Throwable t) {
      LogGuard.failed(WHERE, t);
    }
  }

  @Override
  public void start() {
    delegate.start();
    super.start();
  }

  @Override
  public boolean stop(long timeout, java.util.concurrent.TimeUnit unit) {
    delegate.stop(timeout, unit);
    return super.stop(timeout, unit);
  }
}
