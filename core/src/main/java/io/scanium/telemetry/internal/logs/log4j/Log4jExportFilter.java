package io.scanium.telemetry.internal.logs.log4j;

import io.scanium.telemetry.internal.logs.ExportGate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Sits on the OpenTelemetry appender only: the {@code SCANIUM_LOGS_LEVEL} threshold, the loop guard and the
 * pre-install budget of {@link ExportGate}. The console and file appenders never see it, so their levels stay the
 * service's.
 */
public final class Log4jExportFilter extends AbstractFilter {

  private final ExportGate gate;
  private volatile Level minLevel;

  Log4jExportFilter(ExportGate gate, String level) {
    super(Result.NEUTRAL, Result.DENY);
    this.gate = gate;
    setMinLevel(level);
  }

  void setMinLevel(String level) {
    this.minLevel = Level.toLevel(level, Level.INFO);
  }

  ExportGate gate() {
    return gate;
  }

  @Override
  public Result filter(LogEvent event) {
    if (!event.getLevel().isMoreSpecificThan(minLevel) || ExportGate.isInternal(event.getLoggerName())) {
      return Result.DENY;
    }
    return gate.admit() ? Result.NEUTRAL : Result.DENY;
  }
}
