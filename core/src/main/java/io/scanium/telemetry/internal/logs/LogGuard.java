package io.scanium.telemetry.internal.logs;

import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.health.DisabledSignals;

/**
 * Stands between the application's logging call and OpenTelemetry's appenders: whatever an appender throws stays
 * here. An {@link Error} (the real case: {@code NoSuchMethodError: LogRecordBuilder.setException(Throwable)} from an
 * appender built for a newer OpenTelemetry API than the one on the class path) switches log export off for the
 * process through {@link DisabledSignals}; an exception costs that one event and a rate-limited warning. The
 * service's console and file appenders never see any of it.
 *
 * <p>Static because the appenders are: Logback's is attached before any {@code ScaniumTelemetry} exists, and one
 * logging backend serves the whole process.
 */
public final class LogGuard {

  private static final Diagnostics DIAGNOSTICS = new Diagnostics();
  // Until install binds the instance's DisabledSignals: flags only, so that an appender failing before install is
  // switched off all the same; bind() carries that over into the instance's series.
  private static volatile DisabledSignals signals = new DisabledSignals();
  private static volatile String firstFailure;
  private static volatile Throwable firstError;

  private LogGuard() {}

  /** Whether log export is switched off: appenders return at once. */
  public static boolean off() {
    return signals.logsOff();
  }

  /** Reports to {@code instance} from now on, carrying over a switch-off that happened before. */
  public static void bind(DisabledSignals instance) {
    DisabledSignals before = signals;
    signals = instance;
    Throwable error = firstError;
    if (before.logsOff() && error != null) {
      instance.disable(Signal.LOGS, firstFailure + " (before install)", error);
    }
  }

  /**
   * What an appender does with anything its OpenTelemetry side threw, {@code where} naming the appender. Never
   * throws.
   */
  public static void failed(String where, Throwable t) {
    try {
      if (t instanceof Error) {
        if (firstError == null) {
          firstFailure = where;
          firstError = t;
        }
        signals.disable(Signal.LOGS, where, t);
      } else {
        DIAGNOSTICS.warn("log-appender", where + " failed and skipped one event; the application's logging was not"
            + " affected: " + t);
      }
    } catch (Throwable reportFailure) {
      // The logging call must return whatever happens here; the flag is set before any reporting.
    }
  }
}
