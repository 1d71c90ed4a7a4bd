package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.BasicConfigurator;
import ch.qos.logback.classic.LoggerContext;
import java.lang.reflect.Method;

/**
 * The Logback 1.2 entry point of {@link EarlyLogbackConfigurator}; compiled apart from it and before it (see core's
 * pom), because javac refuses this method beside the Logback 1.3+ one of the same name and parameters. It references
 * nothing of the library but its own abstract method, so that it compiles on its own.
 *
 * <p>Logback 1.2 asks a {@code Configurator} service only when it finds no configuration file, and then instead of
 * its own {@link BasicConfigurator}. So this first does what BasicConfigurator does (a console appender on the root
 * logger at DEBUG), or the application's logging would fall silent, then lets the configurator attach the unbound
 * OpenTelemetry appender as on Logback 1.3+.
 */
interface Logback12Configure {

  /** Called by Logback 1.2 through its {@code Configurator} interface, {@code void configure(LoggerContext)}. */
  default void configure(LoggerContext context) {
    Throwable consoleFailure = null;
    try {
      BasicConfigurator basic = new BasicConfigurator();
      basic.setContext(context);
      // By name: its return type differs between Logback versions, and this is compiled against a newer one.
      for (Method m : BasicConfigurator.class.getMethods()) {
        if (m.getName().equals("configure") && m.getParameterCount() == 1
            && m.getParameterTypes()[0] == LoggerContext.class) {
          m.invoke(basic, context);
          break;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      consoleFailure = e;
    }
    afterLogback12Defaults(context, consoleFailure);
  }

  /**
   * Attaches the unbound OpenTelemetry appender once Logback 1.2's default console is in place, and reports
   * {@code consoleFailure} when that console could not be configured (null when it was).
   */
  void afterLogback12Defaults(LoggerContext context, Throwable consoleFailure);
}
