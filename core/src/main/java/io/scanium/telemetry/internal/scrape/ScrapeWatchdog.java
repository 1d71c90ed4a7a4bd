package io.scanium.telemetry.internal.scrape;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.internal.Diagnostics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Says when nobody reads the scrape endpoint (failure mode F4: a scraper pointed at a host name that did not
 * resolve, and dashboards empty for days): a warning when no scrape arrives within the interval after start, and
 * again, rate-limited, while it lasts; one line when the first scrape arrives, from which address; one when scraping
 * stops and when it resumes. The time of the last scrape is a series of its own.
 *
 * <p>It lives on one daemon thread and looks at two volatile fields: a scrape costs it a clock read.
 */
public final class ScrapeWatchdog implements AutoCloseable {

  private final String url;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Diagnostics diagnostics;
  private final long startNanos;
  private final ScheduledExecutorService timer;
  private volatile long lastScrapeNanos = -1;
  private volatile long lastScrapeEpochMillis;
  private volatile String lastScraper;
  // Only the timer thread and the first scrape's thread touch these, under this object's monitor.
  private boolean stoppedSaid;

  private ScrapeWatchdog(String url, Duration interval, Diagnostics diagnostics, LongSupplier nanoClock) {
    this.url = url;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.diagnostics = diagnostics;
    this.startNanos = nanoClock.getAsLong();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scanium-scrape-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts watching {@code url} and registers {@code scanium_telemetry_last_scrape_timestamp_seconds} in
   * {@code registry}.
   */
  public static ScrapeWatchdog start(String url, Duration interval, PrometheusRegistry registry,
      Diagnostics diagnostics) {
    ScrapeWatchdog w = new ScrapeWatchdog(url, interval, diagnostics, System::nanoTime);
    GaugeWithCallback.builder().name(ScaniumMetrics.TELEMETRY_LAST_SCRAPE_TIMESTAMP)
        .help("When the scrape endpoint was last read (Unix time, seconds); 0 until the first scrape.")
        .callback(cb -> cb.call(w.lastScrapeEpochMillis / 1000.0))
        .register(registry);
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(20), Math.min(w.intervalNanos / 4,
        TimeUnit.SECONDS.toNanos(30)));
    w.timer.scheduleWithFixedDelay(w::check, tick, tick, TimeUnit.NANOSECONDS);
    return w;
  }

  /** Called for every scrape the endpoint answers, with the scraper's address. */
  void scraped(String from) {
    long previous = lastScrapeNanos;
    lastScrapeNanos = nanoClock.getAsLong();
    lastScrapeEpochMillis = System.currentTimeMillis();
    lastScraper = from;
    if (previous < 0) {
      say("INFO first scrape of " + url + " from " + from + ".");
      return;
    }
    synchronized (this) {
      if (stoppedSaid) {
        stoppedSaid = false;
        say("INFO scraping of " + url + " resumed, from " + from + ".");
      }
    }
  }

  private void check() {
    try {
      long now = nanoClock.getAsLong();
      long last = lastScrapeNanos;
      if (last < 0) {
        if (now - startNanos >= intervalNanos) {
          diagnostics.warn("scrape-never", "no scraper has read " + url + " in the " + minutes(now - startNanos)
              + " since start: Prometheus has none of this service's metrics. Check the scrape target's host, port"
              + " and network (the job's target must reach this address).");
        }
        return;
      }
      if (now - last >= intervalNanos) {
        synchronized (this) {
          if (!stoppedSaid) {
            stoppedSaid = true;
            say("WARN scraping of " + url + " stopped: the last scrape, from " + lastScraper + ", was "
                + minutes(now - last) + " ago. Check the scraper and the network between it and this address.");
            return;
          }
        }
        diagnostics.warn("scrape-stopped", "still no scrape of " + url + " since the last one, from " + lastScraper
            + ", " + minutes(now - last) + " ago.");
      }
    } catch (RuntimeException e) {
      // The watchdog must never take its thread, or anything else, down.
    }
  }

  private static String minutes(long nanos) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
    return seconds >= 120 ? (seconds / 60) + " minutes" : seconds >= 1 ? seconds + " s"
        : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
  }

  private static void say(String line) {
    Diagnostics.print("[scanium-telemetry] " + line);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
