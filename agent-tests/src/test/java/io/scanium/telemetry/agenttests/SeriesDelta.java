package io.scanium.telemetry.agenttests;

import io.scanium.telemetry.testsupport.Scrape;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code scanium_http_*} series a workload added to an application's scrape: the difference between a scrape
 * before and one after, so that an application that served other requests earlier compares with a fresh one.
 * Kept: the request counters that grew and every bucket of the histograms that grew.
 */
final class SeriesDelta {

  private static final String REQUESTS = "scanium_http_requests_total";
  private static final String BUCKETS = "scanium_http_request_duration_ms_bucket";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Double> added;

  private SeriesDelta(Map<String, Double> added) {
    this.added = added;
  }

  /** What the workload, {@code requests} requests, added to the scrape of {@code scrapePort}. */
  static SeriesDelta of(RunningApp app, int scrapePort, Workload workload, int requests) throws Exception {
    Map<String, Double> before = app.scrape(scrapePort).withPrefix("scanium_http_");
    workload.run();
    // A request is recorded as it completes, which may be a moment after the client has read the answer.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      Map<String, Double> after = app.scrape(scrapePort).withPrefix("scanium_http_");
      double grown = sum(after, REQUESTS) - sum(before, REQUESTS);
      if (grown >= requests) {
        return new SeriesDelta(difference(before, after));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(REQUESTS + " of " + app.name() + " grew by " + grown + " after " + requests
            + " requests; scrape: " + after);
      }
      Thread.sleep(25);
    }
  }

  /** The kept series of one metric name, key ({@code name{sorted labels}}) to how much it grew. */
  Map<String, Double> series(String name) {
    Map<String, Double> out = new TreeMap<>();
    added.forEach((key, value) -> {
      if (Scrape.nameOf(key).equals(name)) {
        out.put(key, value);
      }
    });
    return out;
  }

  /** The {@code le="+Inf"} buckets: how many requests each histogram series counted. */
  Map<String, Double> infBuckets() {
    Map<String, Double> out = new TreeMap<>();
    series(BUCKETS).forEach((key, value) -> {
      if ("+Inf".equals(Scrape.labelsOf(key).get("le"))) {
        out.put(key, value);
      }
    });
    return out;
  }

  private static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> grown = new HashMap<>();
    after.forEach((key, value) -> grown.put(key, value - before.getOrDefault(key, 0.0)));
    Map<String, Double> kept = new TreeMap<>();
    grown.forEach((key, delta) -> {
      String name = Scrape.nameOf(key);
      if (name.equals(REQUESTS) && delta > 0) {
        kept.put(key, delta);
      } else if (name.equals(BUCKETS) && grown.getOrDefault(infBucketOf(key), 0.0) > 0) {
        // Every bucket of a histogram series that counted a request: the label sets, le included, must match.
        kept.put(key, delta);
      }
    });
    return kept;
  }

  private static String infBucketOf(String bucketKey) {
    Map<String, String> labels = Scrape.labelsOf(bucketKey);
    labels.put("le", "+Inf");
    StringBuilder key = new StringBuilder(BUCKETS).append('{');
    labels.forEach((label, value) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",")
        .append(label).append("=\"").append(value).append('"'));
    return key.append('}').toString();
  }

  private static double sum(Map<String, Double> samples, String name) {
    return samples.entrySet().stream().filter(e -> Scrape.nameOf(e.getKey()).equals(name))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  /** Requests sent to the application. */
  @FunctionalInterface
  interface Workload {
    void run() throws Exception;
  }
}
