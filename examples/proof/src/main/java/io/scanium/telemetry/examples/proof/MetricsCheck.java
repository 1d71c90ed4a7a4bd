package io.scanium.telemetry.examples.proof;

import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves the metrics: the {@code scanium_http_*} series grew by exactly the traffic sent, labelled by route
 * template (never by raw path), with the contract's histogram buckets.
 */
final class MetricsCheck {

  static final String REQUESTS = "scanium_http_requests_total";
  static final String DURATION = "scanium_http_request_duration_ms";
  static final String IN_FLIGHT = "scanium_http_requests_in_flight";
  static final String INFO = "scanium_telemetry_info";
  static final Set<String> LABELS = Set.of("method", "route", "status_code", "service_name", "deployment_environment");
  static final List<String> BUCKETS =
      List.of("5.0", "10.0", "25.0", "50.0", "100.0", "250.0", "500.0", "1000.0", "2500.0", "5000.0", "10000.0",
          "+Inf");

  private MetricsCheck() {}

  /** Fetches and parses the exposition; throws with a plain message when the endpoint cannot be read. */
  static Exposition scrape(HttpClient client, URI url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10))
        // The classic text format: what every scraper understands.
        .header("Accept", "text/plain; version=0.0.4")
        .GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    try {
      return Exposition.parse(response.body(), url.toString());
    } catch (IllegalArgumentException e) {
      // An HTML page or a proxy's error text on the scrape port: a scrape that failed, not one without series.
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Request counts per {@code method route status} that grew between the two scrapes. */
  static Map<String, Double> increase(Exposition before, Exposition after, String metric) {
    Map<String, Double> start = byKey(before, metric);
    Map<String, Double> out = new TreeMap<>();
    byKey(after, metric).forEach((k, v) -> {
      double d = v - start.getOrDefault(k, 0.0);
      if (d > 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  private static Map<String, Double> byKey(Exposition e, String metric) {
    Map<String, Double> out = new TreeMap<>();
    if (e == null) {
      return out;
    }
    for (Sample s : e.series(metric, Map.of())) {
      out.merge(Traffic.key(s.label("method"), s.label("route"), s.label("status_code")), s.value(), Double::sum);
    }
    return out;
  }

  /** Whether every expected count has been reached (an asynchronous server may count just after it answered). */
  static boolean complete(Exposition before, Exposition after, List<Traffic.Sent> sent) {
    Map<String, Double> grown = increase(before, after, REQUESTS);
    Map<String, Double> grownCount = increase(before, after, DURATION + "_count");
    for (Map.Entry<String, Integer> e : Traffic.expectedCounts(sent).entrySet()) {
      if (grown.getOrDefault(e.getKey(), 0.0) < e.getValue()
          || grownCount.getOrDefault(e.getKey(), 0.0) < e.getValue()) {
        return false;
      }
    }
    return after.value(IN_FLIGHT, Map.of()) == 0;
  }

  /**
   * Checks the scrapes around the traffic.
   *
   * @param exclusive whether the proof's traffic is the only traffic (it started the service): counts must then be
   *     equal, not merely at least what was sent
   */
  static Result check(Exposition before, Exposition after, List<Traffic.Sent> sent, boolean exclusive,
      String serviceName, String environment) {
    Result r = new Result("metrics");
    if (after == null) {
      return r.fail("no scrape could be read after the traffic");
    }
    List<Sample> info = after.series(INFO, Map.of());
    if (info.isEmpty()) {
      r.fail(INFO + " is missing: this endpoint is not served by Scanium telemetry");
    }
    for (Sample s : info) {
      StringBuilder labels = new StringBuilder();
      s.labels().forEach((k, v) -> labels.append(labels.length() == 0 ? "" : ",").append(k).append("=\"").append(v)
          .append('"'));
      r.detail(INFO + "{" + labels + "} " + format(s.value()));
      if (exclusive) {
        r.require(serviceName.equals(s.label("service_name")),
            "service_name is '" + s.label("service_name") + "', expected '" + serviceName + "'");
        r.require(environment.equals(s.label("deployment_environment")),
            "deployment_environment is '" + s.label("deployment_environment") + "', expected '" + environment + "'");
      }
    }

    Map<String, Integer> expected = Traffic.expectedCounts(sent);
    Map<String, Double> grown = increase(before, after, REQUESTS);
    Map<String, Double> grownCount = increase(before, after, DURATION + "_count");
    r.detail(REQUESTS + ", increase during the traffic (expected: the requests sent)");
    r.detail(String.format("  %-6s %-16s %-6s %6s %9s", "method", "route", "status", "count", "expected"));
    double total = 0;
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      String[] k = e.getKey().split(" ");
      double got = grown.getOrDefault(e.getKey(), 0.0);
      total += got;
      boolean ok = exclusive ? got == e.getValue() : got >= e.getValue();
      r.detail(String.format("  %-6s %-16s %-6s %6s %9d  %s", k[0], k[1], k[2], format(got), e.getValue(),
          ok ? "ok" : "WRONG"));
      r.require(ok, REQUESTS + "{method=\"" + k[0] + "\",route=\"" + k[1] + "\",status_code=\"" + k[2] + "\"} grew by "
          + format(got) + ", expected " + e.getValue());
      double count = grownCount.getOrDefault(e.getKey(), 0.0);
      r.require(exclusive ? count == e.getValue() : count >= e.getValue(), DURATION + "_count for " + e.getKey()
          + " grew by " + format(count) + ", expected " + e.getValue());
    }
    for (Map.Entry<String, Double> e : grown.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        String[] k = e.getKey().split(" ");
        r.detail(String.format("  %-6s %-16s %-6s %6s %9s  %s", k[0], k[1], k[2], format(e.getValue()), "-",
            exclusive ? "UNEXPECTED" : "other traffic"));
        r.require(!exclusive, "unexpected series " + e.getKey() + ": only the proof's traffic reached the service");
      }
    }

    Set<String> routes = new TreeSet<>();
    Set<String> labelNames = new TreeSet<>();
    for (Sample s : after.series(REQUESTS, Map.of())) {
      routes.add(s.label("route"));
      labelNames.addAll(s.labels().keySet());
    }
    Set<String> rawPaths = new TreeSet<>();
    for (Traffic.Sent s : sent) {
      String path = s.planned().path().replaceFirst("\\?.*", "");
      if (!path.equals(s.planned().route()) && routes.contains(path)) {
        rawPaths.add(path);
      }
    }
    r.detail("route values: " + String.join(", ", routes)
        + (rawPaths.isEmpty() ? "  (templates only, no raw path)" : ""));
    r.require(rawPaths.isEmpty(), "raw paths recorded as route: " + rawPaths + " (unbounded cardinality)");
    r.detail("label names: " + String.join(", ", labelNames));
    r.require(labelNames.containsAll(Set.of("method", "route", "status_code")),
        REQUESTS + " lacks the labels method, route, status_code: has " + labelNames);
    if (exclusive) {
      r.require(labelNames.equals(LABELS), REQUESTS + " has labels " + labelNames + ", the contract says " + LABELS);
    }

    Set<String> bucketSets = new TreeSet<>();
    Map<String, List<String>> bucketsByKey = new TreeMap<>();
    for (Sample s : after.series(DURATION + "_bucket", Map.of())) {
      bucketsByKey.computeIfAbsent(Traffic.key(s.label("method"), s.label("route"), s.label("status_code")),
          k -> new ArrayList<>()).add(normaliseLe(s.label("le")));
    }
    for (Map.Entry<String, List<String>> e : bucketsByKey.entrySet()) {
      bucketSets.add(String.join(",", e.getValue()));
    }
    boolean bucketsOk = bucketSets.size() == 1 && bucketSets.contains(String.join(",", BUCKETS));
    r.detail(DURATION + ": _count = requests for all " + expected.size() + " series; buckets le="
        + (bucketsOk ? "5..10000,+Inf" : bucketSets.toString()));
    r.require(!bucketsByKey.isEmpty(), DURATION + "_bucket is missing");
    r.require(bucketsByKey.isEmpty() || bucketsOk, DURATION + " buckets are " + bucketSets + ", the contract says "
        + BUCKETS);

    double inFlight = after.value(IN_FLIGHT, Map.of());
    r.require(after.metricNames().contains(IN_FLIGHT), IN_FLIGHT + " is missing");
    r.detail(IN_FLIGHT + ": " + format(inFlight) + " after the traffic");
    if (exclusive) {
      r.require(inFlight == 0, IN_FLIGHT + " is " + format(inFlight) + " although every request was answered");
    }
    r.summary(format(total) + " requests counted in " + grown.size() + " " + REQUESTS + " series");
    return r;
  }

  private static String normaliseLe(String le) {
    if (le == null || le.equals("+Inf")) {
      return "+Inf";
    }
    try {
      return Double.toString(Double.parseDouble(le));
    } catch (NumberFormatException e) {
      return le;
    }
  }

  static String format(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
