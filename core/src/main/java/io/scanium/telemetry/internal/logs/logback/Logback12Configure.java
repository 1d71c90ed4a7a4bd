package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.LoggerContext;

/**
 * What javac sees of the Logback 1.2 entry point of {@link EarlyLogbackConfigurator}: its one abstract method. The
 * class file in the jar is compiled from {@code src/main/logback12} and replaces this one (see core's pom): it adds a
 * default {@code void configure(LoggerContext)}, the method Logback 1.2's {@code Configurator} interface calls, which
 * javac would refuse beside the Logback 1.3+ method of the same name and parameters that returns an
 * {@code ExecutionStatus}. The JVM tells the two apart by their return types, so one service class serves both.
 */
interface Logback12Configure {

  /**
   * Attaches the unbound OpenTelemetry appender once Logback 1.2's default console is in place, and reports
   * {@code consoleFailure} when that console could not be configured (null when it was).
   */
  void afterLogback12Defaults(LoggerContext context, Throwable consoleFailure);
}
