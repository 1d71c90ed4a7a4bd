package io.scanium.telemetry.internal.health;

import io.scanium.telemetry.internal.Diagnostics;
import java.util.Map;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK reports export failures through java.util.logging: unfiltered, a refused collector gives
 * a {@code SEVERE} record with a ~37-line stack trace per failed batch, hundreds of stderr lines a minute that bury
 * the one line saying what is wrong. While the application has not configured java.util.logging itself, the SDK's
 * records go through the library's rate-limited reporter instead: one line per kind of message per interval, with
 * the count of those suppressed, the cause's class and message and no stack trace.
 */
public final class SdkLogRouting extends Handler {

  static final String SDK_LOGGER = "io.opentelemetry";

  private final Diagnostics diagnostics;
  private final Logger logger;

  private SdkLogRouting(Diagnostics diagnostics, Logger logger) {
    this.diagnostics = diagnostics;
    this.logger = logger;
    setLevel(Level.INFO);
  }

  /**
   * Routes the SDK's java.util.logging records to {@code diagnostics}, unless the application configured
   * java.util.logging (a configuration file or class, a handler of its own, a level on the SDK's loggers): then its
   * choices stand. Returns the routing to {@link #close()} at shutdown, or why it was left alone.
   *
   * @param systemProperties the JVM's system properties ({@code java.util.logging.config.*})
   */
  public static Optional<SdkLogRouting> install(Diagnostics diagnostics, Map<String, String> systemProperties) {
    if (systemProperties.containsKey("java.util.logging.config.file")
        || systemProperties.containsKey("java.util.logging.config.class")) {
      return Optional.empty();
    }
    Logger root = Logger.getLogger("");
    Handler[] rootHandlers = root.getHandlers();
    boolean defaultRoot = rootHandlers.length == 1 && rootHandlers[0].getClass() == ConsoleHandler.class;
    Logger sdk = Logger.getLogger(SDK_LOGGER);
    if (!defaultRoot || sdk.getHandlers().length > 0 || sdk.getLevel() != null || !sdk.getUseParentHandlers()) {
      return Optional.empty();
    }
    SdkLogRouting routing = new SdkLogRouting(diagnostics, sdk);
    sdk.addHandler(routing);
    sdk.setUseParentHandlers(false);
    return Optional.of(routing);
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record)) {
      return;
    }
    try {
      String message = record.getMessage() == null ? "" : record.getMessage();
      // The first words name the kind ("Failed to export spans.", "Dropped 12 spans..."): numbers would make each
      // record a topic of its own.
      String shape = message.replaceAll("[0-9]+", "#");
      String kind = record.getLoggerName() + ":" + shape.substring(0, Math.min(60, shape.length()));
      Throwable t = record.getThrown();
      diagnostics.warn("sdk:" + kind, "OpenTelemetry SDK (" + record.getLevel() + ", " + record.getLoggerName()
          + "): " + message + (t == null ? "" : " [" + t.getClass().getName()
          + (t.getMessage() == null ? "" : ": " + t.getMessage()) + "]"));
    } catch (RuntimeException e) {
      // A diagnostic must never fail the SDK's thread.
    }
  }

  @Override
  public void flush() {}

  /** Gives the SDK's logger back to java.util.logging's defaults. */
  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(true);
  }
}
