package io.scanium.telemetry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus server (the Debian package's binary) on a free loopback port, scraping the given targets every
 * second, with its storage in a temporary directory. Consumers put {@code jackson-databind} on their test classpath
 * (the core test-jar brings no dependencies): Prometheus' HTTP API answers in JSON.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * The {@code prometheus} binary on PATH, or the test is skipped (fails under {@code CI=true}, as {@link Promtool}
   * does: CI can never pass by not checking).
   */
  public static Path require() {
    return Promtool.requireOnPath("prometheus");
  }

  /**
   * Starts Prometheus scraping one job per entry, {@code job name -> 127.0.0.1:port}, and waits until it is ready.
   * A port where nothing listens makes a target that is down, as a wrong scrape target is.
   */
  public static PrometheusServer start(Path binary, Map<String, Integer> jobs, Path dir) throws IOException,
      InterruptedException {
    StringBuilder config = new StringBuilder()
        .append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n")
        .append("scrape_configs:\n");
    jobs.forEach((job, port) -> config.append("  - job_name: '").append(job).append("'\n")
        .append("    static_configs:\n      - targets: ['127.0.0.1:").append(port).append("']\n"));
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config.toString());
    Path data = Files.createDirectories(dir.resolve("data"));
    Path log = dir.resolve("prometheus.log");
    int port = FreePort.pick();
    Process p = new ProcessBuilder(binary.toString(),
        "--config.file=" + file,
        "--storage.tsdb.path=" + data,
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PrometheusServer server = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), log);
    server.awaitReady(Duration.ofSeconds(60));
    return server;
  }

  private void awaitReady(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + output());
      }
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet: keep polling until the deadline.
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new IllegalStateException("prometheus not ready within " + timeout + ": " + output());
  }

  /** Where its HTTP API answers, {@code http://127.0.0.1:<port>}. */
  public URI uri() {
    return base;
  }

  /**
   * Polls an instant query until {@code condition} accepts its result (returned), or fails the test after
   * {@code timeout} with the last result and Prometheus' output.
   */
  public JsonNode awaitQuery(String promql, Predicate<JsonNode> condition, Duration timeout) throws IOException,
      InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = query(promql);
      if (condition.test(last)) {
        return last;
      }
      process.waitFor(250, TimeUnit.MILLISECONDS); // polling interval: one scrape a second
    }
    throw new AssertionError("waited " + timeout + " for " + promql + ", last result " + last + "\nprometheus: "
        + output());
  }

  /** The {@code data.result} array of an instant query at the current time; fails on an API error. */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  /** The values of a label on the series matching a selector, as Grafana's {@code label_values()} asks them. */
  public JsonNode labelValues(String label, String match) throws IOException, InterruptedException {
    String path = "/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "/values";
    if (match != null) {
      path += "?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8);
    }
    return get(path);
  }

  private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new IllegalArgumentException("Prometheus refused " + pathAndQuery + ": HTTP " + r.statusCode() + " "
          + r.body());
    }
    return body.path("data");
  }

  /** What Prometheus logged (warnings and errors). */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
