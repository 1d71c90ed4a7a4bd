package io.scanium.telemetry.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.exposition.Exemplar;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Promtool;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine through its first adapter: exactness under concurrency, bounded routes, exemplars, promtool. */
class JdkHttpServerEngineTest {

  private OtlpReceiver receiver;
  private ScaniumTelemetry telemetry;
  private HttpServer server;
  private ExecutorService serverThreads;
  private URI base;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private void start(Map<String, String> extra) throws Exception {
    receiver = OtlpReceiver.start();
    Map<String, String> env = new HashMap<>(Map.of(
        "OTEL_SERVICE_NAME", "engine-test",
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "20",
        "SCANIUM_METRICS_PORT", "off",
        "SCANIUM_STARTUP_REPORT", "false"));
    env.putAll(extra);
    telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
    server = JdkHttpServerContractTest.startContractServer(telemetry);
    serverThreads = Executors.newFixedThreadPool(8);
    server.setExecutor(serverThreads);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @BeforeEach
  void defaults() throws Exception {
    start(Map.of());
  }

  @AfterEach
  void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
    telemetry.close();
    receiver.close();
  }

  private int get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void countsAreExactUnderConcurrency() throws Exception {
    int threads = 8;
    int perThread = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < perThread; i++) {
            if (get("/contract/items/" + i) == 200) {
              ok++;
            }
          }
          return ok;
        }));
      }
      int ok = 0;
      for (Future<Integer> f : results) {
        ok += f.get();
      }
      assertThat(ok).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
    Map<String, String> labels = Map.of("method", "GET", "route", "/contract/items/{id}", "status_code", "200");
    Scrape s = Scrape.of(telemetry.registry());
    // The JDK HttpClient resends an idempotent GET once when the server closes a pooled connection under it, so the
    // server may really have served a few more requests than the client counted: every one of those is recorded,
    // and all three series must agree exactly.
    double served = s.value("scanium_http_requests_total", labels);
    assertThat(served).as("scanium_http_requests_total{route=/contract/items/{id}}")
        .isBetween(80_000.0, 80_000.0 + threads);
    assertThat(s.value("scanium_http_request_duration_ms_count", labels)).isEqualTo(served);
    assertThat(s.value("scanium_http_request_duration_ms_bucket",
        Map.of("route", "/contract/items/{id}", "le", "+Inf")))
        .isEqualTo(served);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "GET"))).isZero();
  }

  @Test
  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  void randomPathsNeverBecomeLabelValues() throws Exception {
    stop();
    start(Map.of("SCANIUM_HTTP_MAX_ROUTES", "50"));
    Random random = new Random(42);
    List<String> paths = new ArrayList<>();
    try (StderrCapture err = StderrCapture.start()) {
      for (int i = 0; i < 10_000; i++) {
        String path = "/r" + Long.toHexString(random.nextLong()) + "/" + random.nextInt(1000);
        paths.add(path);
        assertThat(get(path)).isEqualTo(404);
      }
      Scrape s = Scrape.of(telemetry.registry());
      assertThat(s.labelValues("scanium_http_requests_total", "route")).containsExactly("__unmatched__");
      assertThat(s.value("scanium_http_requests_total", Map.of("route", "__unmatched__"))).isEqualTo(10_000);
      for (String p : paths.subList(0, 200)) {
        assertThat(s.text()).doesNotContain(p.substring(1, 12));
      }
    }
  }

  @Test
  void routeValuesAreBoundedEvenWhenAnAdapterPassesRawPaths() {
    stop();
    try {
      start(Map.of("SCANIUM_HTTP_MAX_ROUTES", "20"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    var instrumenter = telemetry.http().instrumenter(new io.scanium.telemetry.http.HttpRequestGetter<String>() {
      @Override
      public String method(String r) {
        return "GET";
      }

      @Override
      public String path(String r) {
        return r;
      }

      @Override
      public String header(String r, String name) {
        return null;
      }
    });
    try (StderrCapture err = StderrCapture.start()) {
      for (int i = 0; i < 1_000; i++) {
        var o = instrumenter.start("/raw/" + i);
        o.setRoute("/raw/" + i);
        o.end(200);
      }
      Scrape s = Scrape.of(telemetry.registry());
      List<String> routes = s.labelValues("scanium_http_requests_total", "route");
      assertThat(routes).hasSize(21).contains("__overflow__");
      assertThat(s.value("scanium_http_requests_total", Map.of("route", "__overflow__"))).isEqualTo(980);
      assertThat(err.text().split("distinct HTTP routes were seen", -1)).as("one-time warning").hasSize(2);
    }
  }

  @Test
  void exceptionGivesA500SeriesAndAnErrorSpan() throws Exception {
    assertThat(get("/contract/exception")).isEqualTo(500);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /contract/exception"), Duration.ofSeconds(10));
    assertThat(span.span().getEventsList()).extracting(e -> e.getName()).contains("exception");
    assertThat(Scrape.of(telemetry.registry()).value("scanium_http_requests_total",
        Map.of("route", "/contract/exception", "status_code", "500"))).isEqualTo(1);
  }

  @Test
  void exemplarsCarryTheTraceIdOfAnExportedSpan() throws Exception {
    assertThat(get("/contract/ok")).isEqualTo(200);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /contract/ok"), Duration.ofSeconds(10));
    String openMetrics = Scrape.openMetricsText(telemetry.registry());
    Exposition scrape = Exposition.parse(openMetrics);
    Optional<Exemplar> exemplar = scrape.series("scanium_http_request_duration_ms_bucket", Map.of("route",
        "/contract/ok")).stream().flatMap(bucket -> bucket.exemplar().stream()).findFirst();
    assertThat(exemplar).as("an exemplar on a bucket of /contract/ok in:\n%s", openMetrics).get()
        .satisfies(e -> assertThat(e.labels()).containsExactly(Map.entry("span_id", span.spanIdHex()),
            Map.entry("trace_id", span.traceIdHex())));
    // The counter is derived from the histogram but takes no exemplar: its value would be a duration.
    assertThat(scrape.series("scanium_http_requests_total", Map.of()))
        .isNotEmpty().allSatisfy(s -> assertThat(s.exemplar()).as("exemplar on %s", s).isEmpty());
  }

  @Test
  void promtoolFindsNothingButTheMillisecondUnitLint() throws Exception {
    Promtool.require();
    stop();
    start(Map.of("SCANIUM_JVM_METRICS", "true"));
    for (String path : new String[] {"/contract/ok", "/contract/items/1", "/contract/exception", "/nope",
        "/contract/client-error"}) {
      get(path);
    }
    String text = Scrape.prometheusText(telemetry.registry());
    assertThat(text).contains("scanium_http_request_duration_ms_bucket");
    List<String> lint = Promtool.checkMetrics(text);
    assertThat(lint).as("promtool check metrics on:\n%s", text)
        .containsExactly("scanium_http_request_duration_ms metric names should not contain abbreviated units");
  }
}
