package io.scanium.telemetry.internal;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The library's own voice: messages on stderr, rate-limited per topic, never through SLF4J or OpenTelemetry.
 *
 * <p>Why stderr and not a logger: the application's logs are exported over OTLP. A diagnostic about a failing
 * export that went through the logger would itself be queued for the failing exporter, a feedback loop that
 * grows during exactly the outage it reports.
 */
public final class Diagnostics {

  private static final long DEFAULT_INTERVAL_NANOS = 30_000_000_000L;
  private static volatile PrintStream out = System.err;

  private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
  private final long intervalNanos;
  private final LongSupplier nanoClock;

  /** Rate-limited to one message per topic every 30 seconds (plus a count of what was suppressed). */
  public Diagnostics() {
    this(DEFAULT_INTERVAL_NANOS, System::nanoTime);
  }

  /** For tests: a custom interval and clock. */
  public Diagnostics(long intervalNanos, LongSupplier nanoClock) {
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
  }

  /** Redirects every diagnostic (tests capture stderr this way without replacing System.err). */
  public static void setOutput(PrintStream stream) {
    out = stream == null ? System.err : stream;
  }

  /** Prints a message unconditionally (used once per process, e.g. the startup report). */
  public static void print(String message) {
    out.println(message);
    out.flush();
  }

  /**
   * Prints {@code message} unless this topic printed less than the interval ago; suppressed messages are counted
   * and the count is shown with the next one. Returns whether it printed.
   */
  public boolean warn(String topic, String message) {
    Topic t = topics.computeIfAbsent(topic, k -> new Topic());
    long now = nanoClock.getAsLong();
    synchronized (t) {
      if (t.printed && now - t.lastNanos < intervalNanos) {
        t.suppressed.incrementAndGet();
        return false;
      }
      long suppressed = t.suppressed.getAndSet(0);
      t.printed = true;
      t.lastNanos = now;
      print("[scanium-telemetry] WARN " + message
          + (suppressed > 0 ? " (" + suppressed + " similar messages suppressed)" : ""));
      return true;
    }
  }

  /** Prints once per topic for the life of this object. */
  public boolean warnOnce(String topic, String message) {
    Topic t = topics.computeIfAbsent(topic, k -> new Topic());
    synchronized (t) {
      if (t.printed) {
        return false;
      }
      t.printed = true;
      print("[scanium-telemetry] WARN " + message);
      return true;
    }
  }

  private static final class Topic {
    boolean printed;
    long lastNanos;
    final AtomicLong suppressed = new AtomicLong();
  }
}
