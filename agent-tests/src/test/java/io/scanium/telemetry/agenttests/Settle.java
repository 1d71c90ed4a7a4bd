package io.scanium.telemetry.agenttests;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Proving that something did NOT arrive (a second span, a second log record) needs a bound: the exporters send in
 * batches every {@link AgentTestEnvironment#SCHEDULE_DELAY_MS} milliseconds, so a view of the receiver that has not
 * changed for many such periods holds everything that was on its way.
 */
final class Settle {

  /** Ten schedule delays: every batch processor of the child has exported several times meanwhile. */
  static final Duration QUIET = Duration.ofMillis(10L * AgentTestEnvironment.SCHEDULE_DELAY_MS);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MS = 25;

  private Settle() {}

  /** The view once it stayed the same for {@link #QUIET}; fails when it keeps changing for 30 seconds. */
  static <T> List<T> settled(String what, Supplier<List<T>> view) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<T> last = view.get();
    long unchangedSince = System.nanoTime();
    while (System.nanoTime() - unchangedSince < QUIET.toNanos()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " kept changing for " + TIMEOUT + "; last seen: " + last);
      }
      Thread.sleep(POLL_MS);
      List<T> now = view.get();
      if (!now.equals(last)) {
        last = now;
        unchangedSince = System.nanoTime();
      }
    }
    return last;
  }
}
