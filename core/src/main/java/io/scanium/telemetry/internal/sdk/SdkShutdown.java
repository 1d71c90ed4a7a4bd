package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.Setting;
import io.scanium.telemetry.internal.health.CollectorProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Flushes and stops the SDK within the shutdown deadline, and no longer than needed: a collector that refuses
 * connections takes nothing, however long the exporter retries, so that case ends after about a second.
 */
public final class SdkShutdown {

  private static final Duration REFUSED_SHUTDOWN = Duration.ofSeconds(1);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);

  private SdkShutdown() {}

  /**
   * Shuts the SDK down, waiting at most {@code deadline}; says on stderr what was lost and why when it cannot
   * flush in time.
   *
   * @param otlpUrls the URLs the exporters send to, as messages show them
   */
  public static void flush(OpenTelemetrySdk sdk, Duration deadline, List<String> otlpUrls) {
    long start = System.nanoTime();
    CompletableResultCode result = sdk.shutdown();
    boolean refused = false;
    if (deadline.compareTo(REFUSED_SHUTDOWN) > 0) {
      // Asked while the SDK flushes, so a healthy collector costs no time here.
      Optional<String> refusing = CollectorProbe.firstRefusing(otlpUrls, PROBE_TIMEOUT);
      if (refusing.isPresent() && !result.isDone()) {
        Diagnostics.print("[scanium-telemetry] WARN shutdown: the collector at " + refusing.get() + " refuses"
            + " connections; what is still queued is lost. Not waiting " + deadline.toMillis() + " ms ("
            + Setting.SHUTDOWN_TIMEOUT.variable() + ") for retries that cannot succeed.");
        deadline = REFUSED_SHUTDOWN;
        refused = true;
      }
    }
    long left = deadline.toNanos() - (System.nanoTime() - start);
    result.join(Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)), TimeUnit.MILLISECONDS);
    if (!result.isDone() && !refused) {
      Diagnostics.print("[scanium-telemetry] WARN shutdown: spans and logs were not flushed within "
          + deadline.toMillis() + " ms (" + Setting.SHUTDOWN_TIMEOUT.variable() + "); what was still queued is"
          + " lost. Is the collector answering?");
    }
  }
}
