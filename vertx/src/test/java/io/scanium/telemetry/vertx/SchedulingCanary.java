package io.scanium.telemetry.vertx;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late the operating system runs a thread that asks to wake up every 2 ms: the machine's own
 * scheduling delay while a test runs. Vert.x's blocked-thread checker measures wall-clock time, so on a machine so
 * overloaded that runnable threads wait hundreds of milliseconds for a core, it reports every event loop as blocked,
 * whatever the event loop does; this tells such a run from a real one.
 */
final class SchedulingCanary implements AutoCloseable {

  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final AtomicLong maxLatenessNanos = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  private SchedulingCanary() {
    thread = new Thread(this::run, "scheduling-canary");
    thread.setDaemon(true);
    thread.start();
  }

  static SchedulingCanary start() {
    return new SchedulingCanary();
  }

  private void run() {
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(PERIOD_NANOS);
      long late = System.nanoTime() - before - PERIOD_NANOS;
      maxLatenessNanos.accumulateAndGet(late, Math::max);
    }
  }

  /** The longest the canary waited for a core beyond its 2 ms, in milliseconds. */
  long maxLatenessMillis() {
    return TimeUnit.NANOSECONDS.toMillis(maxLatenessNanos.get());
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
