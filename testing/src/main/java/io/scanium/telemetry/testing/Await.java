package io.scanium.telemetry.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a value until it satisfies a condition or a deadline passes.
 *
 * <p>Adapters end the observation of a request right after the response is written, so a test's HTTP client can
 * hold the response a moment before the span and the series are recorded; asserting without waiting would be
 * flaky. The poll interval grows from 1 ms to 50 ms: a condition that is already true costs one read.
 */
final class Await {

  private Await() {}

  /**
   * The last value read: one that satisfies {@code done}, or, when the deadline passes (or {@code hopeless} says
   * waiting cannot help), the one that does not.
   */
  static <T> T until(Supplier<T> read, Predicate<T> done, Predicate<T> hopeless, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMillis = 1;
    while (true) {
      T value = read.get();
      if (done.test(value) || hopeless.test(value) || System.nanoTime() - deadline >= 0) {
        return value;
      }
      try {
        // Not synchronisation: the recording thread gives no signal to wait on, so this is the poll interval.
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return read.get();
      }
      pauseMillis = Math.min(50, pauseMillis * 2);
    }
  }

  /** {@link #until} without a hopeless state. */
  static <T> T until(Supplier<T> read, Predicate<T> done, Duration timeout) {
    return until(read, done, v -> false, timeout);
  }
}
