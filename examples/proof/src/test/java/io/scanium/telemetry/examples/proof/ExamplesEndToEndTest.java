package io.scanium.telemetry.examples.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanium.telemetry.dashboard.DashboardAssertions;
import io.scanium.telemetry.dashboard.DashboardCheckReport;
import io.scanium.telemetry.dashboard.ExposedSeries;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.PrometheusServer;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three example services, a real Prometheus scraping them every second, and the dashboards of
 * {@code examples/dashboards}: after the same traffic to each service, every dashboard query has data, the
 * dashboards pass the contract check, and the three services expose the same {@code scanium_http_*} series.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesEndToEndTest {

  static final String SERVICE = "scanium-example";
  static final String ENVIRONMENT = "e2e";
  static final Path DASHBOARDS = Path.of("..", "dashboards");
  static final int ROUNDS = 3;

  /** What Grafana would put in place of each variable, for a query over the examples' data. */
  static final Map<String, String> VARIABLES = Map.of(
      "service", SERVICE,
      "env", ENVIRONMENT,
      "route", ".*",
      "method", ".*",
      "datasource", "prometheus",
      "__rate_interval", "1m",
      "__interval", "15s",
      "__range", "5m");

  /** The latency query of the field reports' dashboards, which showed no data. */
  static final String FIELD_REPORT_QUERY = "histogram_quantile(0.95, sum by (le) "
      + "(rate(scanium_http_request_duration_ms_"
      + "bucket{service_name=~\"$service\", deployment_environment=~\"$env\", route=~\"$route\", method=~\"$method\"}"
      + "[5m])))";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, ExampleService> services = new LinkedHashMap<>();
  private final Map<String, ExposedSeries> beforeTraffic = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
  private OtlpReceiver receiver;
  private PrometheusServer prometheus;

  @BeforeAll
  void startEverythingAndSendTraffic(@TempDir Path tmp) throws Exception {
    Path binary = PrometheusServer.require();
    receiver = OtlpReceiver.start();
    for (String example : Options.EXAMPLES) {
      Path jar = TelemetryProofTest.jar(example);
      int port = ExampleService.freePort();
      int metricsPort = ExampleService.freePort();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PORT", Integer.toString(port));
      env.put("HOST", "127.0.0.1");
      env.put("SCANIUM_METRICS_PORT", Integer.toString(metricsPort));
      env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
      env.put("OTEL_SERVICE_NAME", SERVICE);
      env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=" + ENVIRONMENT);
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
      env.put("OTEL_BSP_SCHEDULE_DELAY", "500");
      env.put("OTEL_BLRP_SCHEDULE_DELAY", "500");
      services.put(example, ExampleService.start(jar, env, tmp.resolve(example + ".log")));
      ports.put(example, port);
      metricsPorts.put(example, metricsPort);
    }
    for (String example : services.keySet()) {
      // A TCP connect, not a request: the services must have seen exactly the same requests when compared.
      String notReady = services.get(example).awaitPort(ports.get(example), Duration.ofSeconds(90));
      assertThat(notReady).as(example + " did not start:\n" + services.get(example).outputTail(40)).isNull();
    }
    for (String example : services.keySet()) {
      // Before any request: what a dashboard check run against a service that has just started sees.
      beforeTraffic.put(example, ExposedSeries.fromUrl(scrapeUri(example)));
    }
    prometheus = PrometheusServer.start(binary, metricsPorts, Files.createDirectories(tmp.resolve("prom")));
    awaitQuery("every example is scraped", "up == 1", r -> r.size() == services.size());

    // Several rounds, each one scraped before the next: rate() needs the counters to grow between samples.
    for (int round = 1; round <= ROUNDS; round++) {
      for (String example : services.keySet()) {
        List<Traffic.Sent> sent = Traffic.send(client, URI.create("http://127.0.0.1:" + ports.get(example) + "/"), 1);
        for (Traffic.Sent s : sent) {
          assertThat(s.asExpected()).as(example + ": " + s).isTrue();
        }
      }
      int expected = round * Traffic.ROUND.size();
      awaitQuery("round " + round + " scraped from every example",
          "sum by (job) (scanium_http_requests_total{service_name=\"" + SERVICE + "\"}) == " + expected,
          r -> r.size() == services.size());
    }
  }

  @AfterAll
  void stopEverything() throws InterruptedException {
    if (prometheus != null) {
      prometheus.close();
    }
    for (ExampleService s : services.values()) {
      s.stop(Duration.ofSeconds(10));
      s.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void everyDashboardQueryReturnsDataThroughPrometheus() throws Exception {
    List<Dashboards.Query> queries = Dashboards.queries(DASHBOARDS);
    assertThat(queries).as("queries in " + DASHBOARDS.toAbsolutePath()).hasSizeGreaterThan(20);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<String, String> failing;
    do {
      failing = new TreeMap<>();
      for (Dashboards.Query q : queries) {
        String problem = q.variable() ? checkVariable(q) : checkPanel(Dashboards.expand(q.expr(), VARIABLES));
        if (problem != null) {
          failing.put(q.toString(), problem);
        }
      }
      if (failing.isEmpty()) {
        return;
      }
      Thread.sleep(500); // polling interval: Prometheus ingests one scrape a second
    } while (System.nanoTime() < deadline);
    StringBuilder sb = new StringBuilder(failing.size() + " of " + queries.size() + " dashboard queries have no "
        + "data:\n");
    failing.forEach((q, why) -> sb.append("  ").append(q).append("\n    -> ").append(why).append('\n'));
    fail(sb.toString());
  }

  @Test
  void theFieldReportsLatencyQueryReturnsData() throws Exception {
    String expr = Dashboards.expand(FIELD_REPORT_QUERY, VARIABLES);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String problem;
    do {
      problem = checkPanel(expr);
      if (problem == null) {
        return;
      }
      Thread.sleep(500); // polling interval
    } while (System.nanoTime() < deadline);
    fail(expr + ": " + problem);
  }

  @Test
  void dashboardsPassTheContractCheckOnAServiceThatHasServedNothingYet() {
    for (Map.Entry<String, ExposedSeries> fresh : beforeTraffic.entrySet()) {
      DashboardCheckReport report = DashboardAssertions.assertDashboardsMatch(fresh.getValue(), DASHBOARDS);
      assertThat(report.dashboardsChecked()).as(fresh.getKey() + " before its first request").isEqualTo(3);
    }
    assertThat(beforeTraffic).as("examples scraped before any request").hasSize(services.size());
  }

  @Test
  void dashboardsPassTheContractCheckAgainstEveryExample() {
    for (String example : services.keySet()) {
      ExposedSeries exposed = ExposedSeries.fromUrl(scrapeUri(example));
      DashboardCheckReport report = DashboardAssertions.assertDashboardsMatch(exposed, DASHBOARDS);
      assertThat(report.dashboardsChecked()).as(example).isEqualTo(3);
      assertThat(report.queriesChecked()).as(example).isGreaterThan(20);
    }
  }

  @Test
  void theThreeExamplesExposeTheSameHttpSeries() throws Exception {
    Map<String, Map<String, String>> byExample = new LinkedHashMap<>();
    for (String example : services.keySet()) {
      byExample.put(example, comparable(Scrape.of(fetch(scrapeUri(example))).withPrefix("scanium_http_")));
    }
    String first = Options.EXAMPLES.get(0);
    Map<String, String> reference = byExample.get(first);
    assertThat(reference.keySet()).as(first + " series").anyMatch(k -> k.contains("route=\"/v1/items/{id}\""));
    assertThat(reference).as("the proof's traffic in " + first)
        .containsEntry("scanium_http_requests_total{deployment_environment=\"e2e\",method=\"GET\",route=\"/v1/fail\","
            + "service_name=\"scanium-example\",status_code=\"500\"}", Integer.toString(ROUNDS))
        .containsEntry("scanium_http_requests_total{deployment_environment=\"e2e\",method=\"GET\","
            + "route=\"/v1/items/{id}\",service_name=\"scanium-example\",status_code=\"404\"}",
        Integer.toString(ROUNDS))
        .containsEntry("scanium_http_requests_total{deployment_environment=\"e2e\",method=\"GET\","
            + "route=\"__unmatched__\",service_name=\"scanium-example\",status_code=\"404\"}",
        Integer.toString(ROUNDS));
    for (Map.Entry<String, Map<String, String>> e : byExample.entrySet()) {
      assertThat(e.getValue()).as(e.getKey() + " compared with " + first + ":\n" + diff(reference, e.getValue()))
          .isEqualTo(reference);
    }
  }

  /** Series keys with the values that must be equal; bucket counts and sums are durations and may differ. */
  static Map<String, String> comparable(Map<String, Double> samples) {
    Map<String, String> out = new TreeMap<>();
    samples.forEach((key, value) -> {
      String name = Scrape.nameOf(key);
      boolean timing = name.endsWith("_bucket") || name.endsWith("_sum");
      out.put(key, timing ? "(duration)" : Long.toString(Math.round(value)));
    });
    return out;
  }

  static String diff(Map<String, String> expected, Map<String, String> actual) {
    StringBuilder sb = new StringBuilder();
    for (String k : new TreeSet<>(expected.keySet())) {
      if (!actual.containsKey(k)) {
        sb.append("  missing   ").append(k).append(' ').append(expected.get(k)).append('\n');
      } else if (!actual.get(k).equals(expected.get(k))) {
        sb.append("  differs   ").append(k).append(' ').append(actual.get(k)).append(" (expected ")
            .append(expected.get(k)).append(")\n");
      }
    }
    for (String k : new TreeSet<>(actual.keySet())) {
      if (!expected.containsKey(k)) {
        sb.append("  extra     ").append(k).append(' ').append(actual.get(k)).append('\n');
      }
    }
    return sb.toString();
  }

  private String checkVariable(Dashboards.Query q) throws IOException, InterruptedException {
    String[] call = Dashboards.labelValuesCall(q.expr());
    String match = call[0] == null ? null : Dashboards.expand(call[0], VARIABLES);
    JsonNode values = prometheus.labelValues(call[1], match);
    List<String> list = new ArrayList<>();
    values.forEach(v -> list.add(v.asText()));
    String expected = switch (call[1]) {
      case "service_name" -> SERVICE;
      case "deployment_environment" -> ENVIRONMENT;
      case "route" -> "/v1/items/{id}";
      case "method" -> "POST";
      default -> null;
    };
    if (list.isEmpty()) {
      return "no values";
    }
    return expected == null || list.contains(expected) ? null : "values " + list + " lack " + expected;
  }

  private String checkPanel(String expr) throws IOException, InterruptedException {
    JsonNode result = prometheus.query(expr);
    if (!result.isArray() || result.isEmpty()) {
      return "empty result";
    }
    for (JsonNode series : result) {
      String value = series.path("value").path(1).asText();
      if (value.equals("NaN") || value.isEmpty()) {
        return "NaN in " + series;
      }
    }
    return null;
  }

  private void awaitQuery(String what, String expr, Predicate<JsonNode> condition) throws Exception {
    try {
      prometheus.awaitQuery(expr, condition, Duration.ofSeconds(60));
    } catch (AssertionError e) {
      StringBuilder outputs = new StringBuilder();
      services.forEach((name, s) -> outputs.append(name).append(":\n").append(s.outputTail(15)));
      fail(what + ": " + e.getMessage() + "\n" + outputs);
    }
  }

  private URI scrapeUri(String example) {
    return URI.create("http://127.0.0.1:" + metricsPorts.get(example) + "/metrics");
  }

  private String fetch(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/plain; version=0.0.4")
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
    return r.body();
  }
}
