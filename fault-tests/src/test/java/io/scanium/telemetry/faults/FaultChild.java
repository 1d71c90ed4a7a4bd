package io.scanium.telemetry.faults;

import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.testsupport.ChildJvm;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link FaultApp} in a child JVM, with its scrape and its admin context at hand. */
final class FaultChild implements AutoCloseable {

  /** {@code faults.defaults=true}: every OpenTelemetry default; otherwise (the build) shorter batch delays. */
  static final boolean DEFAULTS = Boolean.getBoolean("faults.defaults");

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern STATE = Pattern.compile("spans=(\\d+) logs=(\\d+) heap=(-?\\d+)");

  final String name;
  final int port;
  final int scrapePort;
  private final ChildJvm jvm;

  /** What the service produced so far, and its live heap when asked for it (-1 otherwise). */
  record State(long spans, long logs, long heapBytes) {}

  private FaultChild(String name, int port, int scrapePort, ChildJvm jvm) {
    this.name = name;
    this.port = port;
    this.scrapePort = scrapePort;
    this.jvm = jvm;
  }

  /** Starts the service exporting to {@code otlpEndpoint}, and waits until it serves. */
  static FaultChild start(String name, String otlpEndpoint, Map<String, String> extra) throws Exception {
    int port = FreePort.pick();
    int scrapePort = FreePort.pick();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", "faults-" + name);
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    env.put("SCANIUM_METRICS_PORT", Integer.toString(scrapePort));
    if (!DEFAULTS) {
      // Batches leave after 200 ms instead of 5 s (spans) and 1 s (logs), so that recovery and the final counts
      // settle within the CI budget; the queues keep their default sizes, which is what bounds the heap.
      env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
      env.put("OTEL_BLRP_SCHEDULE_DELAY", "200");
    }
    env.putAll(extra);
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: 40 ms.
    ChildJvm jvm = ChildJvm.startJava(List.of("-Dsun.net.httpserver.nodelay=true", "-cp",
        System.getProperty("java.class.path"), FaultApp.class.getName(), Integer.toString(port)), env);
    FaultChild child = new FaultChild(name, port, scrapePort, jvm);
    jvm.awaitLine("READY", Duration.ofSeconds(60));
    return child;
  }

  State state(boolean gc) throws Exception {
    String body = get(URI.create("http://127.0.0.1:" + port + "/admin/state" + (gc ? "?gc" : "")));
    Matcher m = STATE.matcher(body);
    if (!m.matches()) {
      throw new AssertionError(name + ": unexpected /admin/state answer '" + body + "'");
    }
    return new State(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
  }

  Scrape scrape() throws Exception {
    return Scrape.of(get(URI.create("http://127.0.0.1:" + scrapePort + "/metrics")));
  }

  /** Spans or log records the library accounted for: exported, failed or dropped. */
  static long accounted(Scrape scrape, String signal) {
    Map<String, String> labels = Map.of(ScaniumMetrics.LABEL_SIGNAL, signal);
    return Math.round(scrape.value(ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL, labels)
        + scrape.value(ScaniumMetrics.TELEMETRY_EXPORT_FAILED_TOTAL, labels)
        + scrape.value(ScaniumMetrics.TELEMETRY_DROPPED_TOTAL, labels));
  }

  /**
   * Waits until the library accounts for every span and log record produced so far (exported, failed or dropped),
   * polling its admin context and its scrape.
   *
   * @return empty once they match, else what was last seen when the deadline passed
   */
  Optional<String> awaitAccounted(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      State state = state(false);
      Scrape s = scrape();
      long spans = accounted(s, "traces");
      long logs = accounted(s, "logs");
      if (spans == state.spans() && logs == state.logs()) {
        return Optional.empty();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(name + ": spans produced " + state.spans() + ", accounted " + spans
            + "; log records produced " + state.logs() + ", accounted " + logs + ", after " + limit);
      }
      TimeUnit.MILLISECONDS.sleep(100); // pacing of the poll; the deadline decides
    }
  }

  static long counter(Scrape scrape, String name, String signal) {
    return Math.round(scrape.value(name, Map.of(ScaniumMetrics.LABEL_SIGNAL, signal)));
  }

  static boolean up(Scrape scrape, String signal) {
    return scrape.value(ScaniumMetrics.TELEMETRY_EXPORT_UP, Map.of(ScaniumMetrics.LABEL_SIGNAL, signal)) == 1;
  }

  /** Everything the child wrote (its stdout carries only the READY line: the rest is the library's stderr). */
  String output() {
    return jvm.output();
  }

  long outputLines() {
    return jvm.output().lines().count();
  }

  /** Closes the library through the admin context and returns how long {@code close()} took, in ms. */
  long closeTelemetry() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/admin/close")).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (!jvm.waitFor(Duration.ofSeconds(30))) {
      throw new AssertionError(name + " did not exit after close()");
    }
    return Long.parseLong(r.body().replace("closeMs=", "").trim());
  }

  private String get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(name + ": " + uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  @Override
  public void close() {
    jvm.close();
  }
}
