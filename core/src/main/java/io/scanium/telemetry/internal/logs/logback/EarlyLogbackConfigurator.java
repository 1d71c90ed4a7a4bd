package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Found by Logback through {@code META-INF/services} when it initialises, before the service's {@code logback.xml}
 * is read: attaches OpenTelemetry's appender to the root logger, not yet bound to any SDK, so that the events logged
 * before {@code ScaniumTelemetry.install()} (up to {@link io.scanium.telemetry.internal.logs.ExportGate#PRE_INSTALL_CAPACITY})
 * are kept and exported at install. It then lets Logback's own configuration run as if it were not there.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class EarlyLogbackConfigurator extends ContextAwareBase implements Configurator {

  /** Instantiated by Logback's ServiceLoader. */
  public EarlyLogbackConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    try {
      LogbackRouting.attachEarly(context);
    } catch (RuntimeException | LinkageError e) {
      // The OpenTelemetry appender may have been excluded from the classpath: logging must start regardless.
      addWarn("Scanium telemetry could not attach its OpenTelemetry appender early: " + e);
    }
    return ExecutionStatus.INVOKE_NEXT_IF_ANY;
  }
}
