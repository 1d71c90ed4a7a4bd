package io.scanium.telemetry.internal.logs;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backend-neutral rules every OpenTelemetry appender we manage applies before an event is mapped: no event of
 * the telemetry machinery itself, and, while no SDK is bound, no more events than the appender keeps for replay.
 *
 * <p>The loop guard exists because the SDK, its exporters and the JDK HttpClient report export failures through
 * java.util.logging or System.Logger, which many services bridge into SLF4J: each failure report would itself be
 * queued for the failing collector, and the queue would fill with reports of its own failure.
 *
 * <p>The budget exists because OpenTelemetry's appenders keep events logged before {@code setOpenTelemetry} in a
 * bounded queue, but still build a copy of each event before finding the queue full; counting here lets the events
 * beyond the budget cost nothing, and lets the startup report say how many were not kept.
 */
public final class ExportGate {

  /** Events kept before install and exported once the SDK is bound (OpenTelemetry's own default, 1000). */
  public static final int PRE_INSTALL_CAPACITY = 1000;

  /** Loggers whose events never enter the OTLP log pipeline (as written in the startup report and the docs). */
  public static final String INTERNAL_LOGGERS = "io.opentelemetry.*, io.scanium.telemetry.*, jdk.internal.httpclient.*,"
      + " jdk.httpclient.*";

  private static final String[] INTERNAL_PREFIXES = {
      "io.opentelemetry.", "io.scanium.telemetry.", "jdk.internal.httpclient.", "jdk.httpclient."};

  private final int capacity;
  private final AtomicInteger kept = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean bound;

  /**
   * A gate that lets up to {@code capacity} events through while unbound; {@link Integer#MAX_VALUE} for an appender
   * the service declared, whose own queue size the service chose.
   */
  public ExportGate(int capacity) {
    this.capacity = capacity;
  }

  /** Whether events of this logger must never be exported: they come from the telemetry machinery itself. */
  public static boolean isInternal(String loggerName) {
    if (loggerName == null) {
      return false;
    }
    for (String prefix : INTERNAL_PREFIXES) {
      if (loggerName.startsWith(prefix)) {
        return true;
      }
    }
    return loggerName.equals("io.opentelemetry") || loggerName.equals("io.scanium.telemetry");
  }

  /**
   * Whether the next event may go on to the appender: always once bound; before, only while the replay queue has
   * room.
   */
  public boolean admit() {
    if (bound || capacity == Integer.MAX_VALUE) {
      return true;
    }
    if (kept.get() >= capacity || kept.incrementAndGet() > capacity) {
      refused.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Marks the appender bound to an SDK and returns what happened before: kept and refused event counts. */
  public long[] bind() {
    bound = true;
    long[] before = {Math.min(kept.get(), capacity), refused.get()};
    kept.set(0);
    refused.set(0);
    return before;
  }

  /** Back to keeping a bounded number of events, for an SDK bound later (or never). */
  public void unbind() {
    kept.set(0);
    refused.set(0);
    bound = false;
  }

  /** Whether an SDK is bound. */
  public boolean isBound() {
    return bound;
  }

  /**
   * The minimum level from the process environment or system properties, for appenders attached before any
   * configuration is resolved (the Logback configurator). Anything unreadable means the default, INFO.
   */
  public static String levelFromProcess() {
    String v = System.getProperty("scanium.logs.level");
    if (v == null || v.isBlank()) {
      v = System.getenv("SCANIUM_LOGS_LEVEL");
    }
    if (v == null || v.isBlank()) {
      return "INFO";
    }
    String level = v.trim().toUpperCase(Locale.ROOT);
    switch (level) {
      case "TRACE":
      case "DEBUG":
      case "INFO":
      case "WARN":
      case "ERROR":
      case "OFF":
        return level;
      default:
        return "INFO";
    }
  }

  /** A clause about the events logged before install, for the startup report; empty when there were none. */
  public static String preInstallClause(long[] before) {
    if (before[0] == 0 && before[1] == 0) {
      return "";
    }
    return "; " + before[0] + " event(s) logged before install were kept and are exported now"
        + (before[1] > 0 ? ", " + before[1] + " more were not kept (only the first " + PRE_INSTALL_CAPACITY
            + " are)" : "");
  }
}
