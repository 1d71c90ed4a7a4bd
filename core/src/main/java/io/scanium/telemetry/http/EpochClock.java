package io.scanium.telemetry.http;

/**
 * Converts {@link System#nanoTime()} readings to epoch nanoseconds, so that one clock read per request edge serves
 * both the span's timestamps and the histogram's duration. Re-anchored once a minute, so wall-clock adjustments
 * reach span timestamps within a minute while durations stay monotonic within a request.
 */
final class EpochClock {

  private static final long REANCHOR_NANOS = 60_000_000_000L;

  private volatile Anchor anchor = new Anchor();

  long toEpochNanos(long nanoTime) {
    Anchor a = anchor;
    if (nanoTime - a.nano > REANCHOR_NANOS) {
      a = new Anchor();
      anchor = a;
    }
    return a.epochNanos + (nanoTime - a.nano);
  }

  private static final class Anchor {
    final long nano;
    final long epochNanos;

    Anchor() {
      java.time.Instant now = java.time.Instant.now();
      this.nano = System.nanoTime();
      this.epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
  }
}
