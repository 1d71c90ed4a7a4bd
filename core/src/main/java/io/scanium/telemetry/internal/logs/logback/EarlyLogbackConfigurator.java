package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.scanium.telemetry.internal.Diagnostics;

/**
 * Found by Logback through {@code META-INF/services} when it initialises, before the service's {@code logback.xml}
 * is read: attaches OpenTelemetry's appender to the root logger, not yet bound to any SDK, so that the events logged
 * before {@code ScaniumTelemetry.install()} (up to {@link
 * io.scanium.telemetry.internal.logs.ExportGate#PRE_INSTALL_CAPACITY})
 * are kept and exported at install. It then lets Logback's own configuration run as if it were not there.
 *
 * <p>Logback 1.2 declares {@code void configure(LoggerContext)} in the same interface; {@link Logback12Configure}
 * provides it, so that this service class never makes Logback 1.2 fail with an {@code AbstractMethodError}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class EarlyLogbackConfigurator extends ContextAwareBase implements Configurator, Logback12Configure {

  /** Instantiated by Logback's ServiceLoader. */
  public EarlyLogbackConfigurator() {}

  /** Called by Logback 1.3 and later, before the configuration file is read. */
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    attachEarlySafely(context);
    return ExecutionStatus.INVOKE_NEXT_IF_ANY;
  }

  /** Called by {@link Logback12Configure#configure} on Logback 1.2, after its default console configuration. */
  @Override
  public void afterLogback12Defaults(LoggerContext context, Throwable consoleFailure) {
    if (consoleFailure != null) {
      Diagnostics.print("[scanium-telemetry] WARN Logback 1.2's default console configuration failed: "
          + consoleFailure);
    }
    attachEarlySafely(context);
  }

  private static void attachEarlySafely(LoggerContext context) {
    try {
      LogbackRouting.attachEarly(context);
    } catch (RuntimeException | LinkageError e) {
      // The OpenTelemetry appender may have been excluded from the classpath, or be of another version: logging
      // must start regardless.
      Diagnostics.print("[scanium-telemetry] WARN could not attach OpenTelemetry's Logback appender early, so events"
          + " logged before install are not exported: " + e);
    }
  }
}
