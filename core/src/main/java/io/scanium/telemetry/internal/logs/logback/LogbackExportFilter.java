package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.scanium.telemetry.internal.logs.ExportGate;

/**
 * Sits on the OpenTelemetry appender only: the {@code SCANIUM_LOGS_LEVEL} threshold, the loop guard and the
 * pre-install budget of {@link ExportGate}. The console and file appenders never see it, so their levels stay the
 * service's.
 */
public final class LogbackExportFilter extends Filter<ILoggingEvent> {

  private final ExportGate gate;
  private volatile int minLevel;

  LogbackExportFilter(ExportGate gate, String level) {
    this.gate = gate;
    setMinLevel(level);
    setName("scanium-export-gate");
  }

  void setMinLevel(String level) {
    this.minLevel = Level.toLevel(level, Level.INFO).toInt();
  }

  ExportGate gate() {
    return gate;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    if (event.getLevel().toInt() < minLevel || ExportGate.isInternal(event.getLoggerName())) {
      return FilterReply.DENY;
    }
    return gate.admit() ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
