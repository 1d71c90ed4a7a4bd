package io.scanium.telemetry.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.exposition.Sample;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedMetric;
import io.scanium.telemetry.receiver.ReceivedRequest;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.receiver.Signal;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.OtlpToPrometheus;
import io.scanium.telemetry.testsupport.OtlpToPrometheus.Strategy;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code OTEL_METRICS_EXPORTER=otlp}: the registry pushed over OTLP, decoded with the official protos, and
 * translated as Prometheus, Mimir and Alloy translate it, gives exactly the scrape's series.
 */
class OtlpMetricsPushTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String SERVICE = "push-test";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private OtlpReceiver receiver;
  private ScaniumTelemetry telemetry;
  private HttpServer server;
  private ExecutorService serverThreads;

  private Map<String, String> env(Map<String, String> extra) {
    receiver = OtlpReceiver.start();
    Map<String, String> env = new HashMap<>(Map.of(
        "OTEL_SERVICE_NAME", SERVICE,
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_METRICS_EXPORTER", "otlp",
        "OTEL_METRIC_EXPORT_INTERVAL", "200",
        "OTEL_BSP_SCHEDULE_DELAY", "20",
        "SCANIUM_METRICS_HOST", "127.0.0.1",
        "SCANIUM_STARTUP_PROBE", "off",
        "SCANIUM_STARTUP_REPORT", "false"));
    env.putAll(extra);
    return env;
  }

  private void start(Map<String, String> env) throws Exception {
    telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
    server = JdkHttpServerContractTest.startContractServer(telemetry);
    serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
      serverThreads.shutdownNow();
    }
    if (telemetry != null) {
      telemetry.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  private String get(URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private void traffic() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    for (String path : List.of("/contract/ok", "/contract/ok", "/contract/ok", "/contract/client-error",
        "/contract/server-error", "/contract/items/7", "/nowhere")) {
      get(base.resolve(path));
    }
  }

  private static boolean compared(String name) {
    return name.startsWith("scanium_") || name.startsWith("jvm_") || name.startsWith("app_");
  }

  /** One metric of every other kind an application may register in the registry, which the push carries too. */
  private void registerApplicationMetrics() {
    PrometheusRegistry registry = telemetry.registry();
    Histogram.builder().name("app_job_seconds").help("classic and native buckets").labelNames("queue")
        .register(registry).labelValues("mail").observe(0.3);
    Summary summary = Summary.builder().name("app_payload_bytes").help("with quantiles").quantile(0.5, 0.01)
        .quantile(0.95, 0.005).register(registry);
    summary.observe(120);
    summary.observe(4000);
    StateSet.builder().name("app_feature").help("a state set").states("beta", "legacy").register(registry)
        .setTrue("beta");
    Info.builder().name("app_build_info").help("an info").labelNames("revision").register(registry)
        .addLabelValues("abc123");
    registry.register(() -> UnknownSnapshot.builder().name("app_legacy_value").help("untyped")
        .dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().value(7).build()).build());
  }

  /** The scrape's series of the compared families, keyed as PromQL writes them; {@code le} as Prometheus stores it. */
  private Map<String, Double> scraped() throws Exception {
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : Exposition.parse(get(telemetry.scrapeUri().orElseThrow()), "scrape").samples()) {
      if (compared(s.name())) {
        out.put(key(s, false), s.value());
      }
    }
    return out;
  }

  /**
   * The last push, translated; every series must carry {@code job} (the service) and {@code instance} (the process),
   * which the scrape config adds to scraped series.
   */
  private Map<String, Double> pushed(Strategy strategy) {
    List<ExportMetricsServiceRequest> requests = receiver.metricRequests();
    if (requests.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> out = new TreeMap<>();
    for (Sample s : OtlpToPrometheus.translate(requests.subList(requests.size() - 1, requests.size()), strategy)) {
      if (compared(s.name())) {
        assertThat(s.label("job")).as("job of pushed %s", s.series()).isEqualTo(SERVICE);
        // Replicas apart, as the scrape target's address keeps them: service.instance.id, generated.
        assertThat(s.label("instance")).as("instance of pushed %s", s.series()).matches("[0-9a-f-]{36}");
        out.put(key(s, true), s.value());
      }
    }
    return out;
  }

  private static String key(Sample s, boolean pushed) {
    Map<String, String> labels = new TreeMap<>(s.labels());
    if (pushed) {
      labels.remove("job");
      labels.remove("instance");
    } else {
      // Prometheus stores le and quantile of a scrape as it formats floats: 0.005, 5, +Inf.
      for (String bound : List.of("le", "quantile")) {
        if (labels.containsKey(bound) && !labels.get(bound).equals("+Inf")) {
          labels.put(bound, OtlpToPrometheus.formatBound(Double.parseDouble(labels.get(bound))));
        }
      }
    }
    return Exposition.format(s.name(), labels);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, condition, () -> "");
  }

  private static void await(String what, BooleanSupplier condition, Supplier<String> detail)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what + detail.get());
      }
      Thread.sleep(50);
    }
  }

  @Test
  void pushedSeriesTranslateToTheScrapesNamesLabelsAndBuckets() throws Exception {
    // The metrics' own headers: the push must go where, and with what, the report says.
    start(env(Map.of("SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()),
        "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "x-scope-orgid=metrics%20tenant")));
    registerApplicationMetrics();
    traffic();
    for (Strategy strategy : Strategy.values()) {
      List<String> last = new ArrayList<>();
      await("the push translated with " + strategy + " to equal the scrape", () -> {
        try {
          Map<String, Double> scrape = scraped();
          Map<String, Double> push = pushed(strategy);
          last.clear();
          last.add(difference(scrape, push));
          return scrape.keySet().equals(push.keySet()) && http(scrape).equals(http(push));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, () -> ": " + last);
      Map<String, Double> push = pushed(strategy);
      assertThat(push).as("%s: the application's metrics", strategy)
          .containsEntry("app_feature{app_feature=\"beta\"}", 1.0)
          .containsEntry("app_build_info{revision=\"abc123\"}", 1.0)
          .containsEntry("app_legacy_value", 7.0)
          .containsEntry("app_payload_bytes_count", 2.0)
          .containsKey("app_payload_bytes{quantile=\"0.95\"}")
          .containsEntry("app_job_seconds_bucket{le=\"0.5\",queue=\"mail\"}", 1.0);
      assertThat(push).as("%s: %s", strategy, last).containsEntry(
          "scanium_http_requests_total{deployment_environment=\"test\",method=\"GET\",route=\"/contract/ok\","
              + "service_name=\"push-test\",status_code=\"200\"}", 3.0);
      assertThat(push).as("%s", strategy).containsKey("scanium_http_requests_total{deployment_environment=\"test\","
          + "method=\"GET\",route=\"__unmatched__\",service_name=\"push-test\",status_code=\"404\"}");
      String buckets = ScaniumMetrics.HTTP_REQUEST_DURATION_MS + "_bucket{";
      List<String> bounds = push.keySet().stream()
          .filter(k -> k.startsWith(buckets) && k.contains("\"/contract/ok\""))
          .map(k -> Exposition.parse(k + " 0", "key").samples().get(0).label("le")).toList();
      List<String> contract = new ArrayList<>(ScaniumMetrics.DURATION_BUCKETS_MS.stream()
          .map(OtlpToPrometheus::formatBound).toList());
      contract.add("+Inf");
      assertThat(new TreeSet<>(bounds)).as("%s: le of %s_bucket", strategy, ScaniumMetrics.HTTP_REQUEST_DURATION_MS)
          .isEqualTo(new TreeSet<>(contract));
      assertThat(push.keySet()).as("%s", strategy).anyMatch(k -> k.startsWith(
          ScaniumMetrics.HTTP_REQUEST_DURATION_MS + "_sum{")).anyMatch(k -> k.startsWith(
          ScaniumMetrics.HTTP_REQUEST_DURATION_MS + "_count{"));
    }
    // What makes the names independent of the strategy: full Prometheus names, no unit, cumulative points.
    ReceivedMetric duration = receiver.awaitMetric(ReceivedMetric.named(ScaniumMetrics.HTTP_REQUEST_DURATION_MS),
        DEADLINE);
    assertThat(duration.metric().getUnit()).as("unit of %s", duration.name()).isEmpty();
    assertThat(duration.metric().getHistogram().getAggregationTemporality())
        .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    // The scrape's exemplars travel too, pointing at the server spans.
    List<String> serverSpans = receiver.awaitSpans(OtlpReceiver.matching("span 'GET /contract/ok'",
        span -> span.name().equals("GET /contract/ok")), 3, DEADLINE).stream().map(ReceivedSpan::spanIdHex).toList();
    ReceivedMetric withExemplar = receiver.awaitMetric(OtlpReceiver.matching("duration with an exemplar",
        m -> m.name().equals(ScaniumMetrics.HTTP_REQUEST_DURATION_MS) && m.metric().getHistogram()
            .getDataPointsList().stream().anyMatch(p -> p.getExemplarsCount() > 0)), DEADLINE);
    assertThat(withExemplar.metric().getHistogram().getDataPointsList().stream()
        .filter(p -> "/contract/ok".equals(OtlpReceiver.attribute(p.getAttributesList(), "route")))
        .flatMap(p -> p.getExemplarsList().stream()).map(e -> OtlpReceiver.hex(e.getSpanId())).toList())
        .as("span ids of the exemplars of %s", ScaniumMetrics.HTTP_REQUEST_DURATION_MS).isNotEmpty()
        .allSatisfy(id -> assertThat(serverSpans).as("server spans").contains(id));
    ReceivedMetric requests = receiver.awaitMetric(ReceivedMetric.named(ScaniumMetrics.HTTP_REQUESTS_TOTAL),
        DEADLINE);
    assertThat(requests.metric().getSum().getIsMonotonic()).as("%s is a counter", requests.name()).isTrue();
    assertThat(requests.metric().getUnit()).as("unit of %s", requests.name()).isEmpty();
    assertThat(telemetry.startupReport()).contains("pushed too, the same series every 200 ms  <- "
        + "OTEL_METRIC_EXPORT_INTERVAL=200 (environment variable)\n").contains("  to otlp http/protobuf POST "
        + receiver.endpoint() + "/v1/metrics  <- ").contains("headers x-scope-orgid=****").doesNotContain("tenant");
    List<ReceivedRequest> sent = receiver.requests().stream()
        .filter(r -> r.signal() == Signal.METRICS).toList();
    assertThat(sent).as("metrics requests received").isNotEmpty().allSatisfy(r -> {
      assertThat(r.path()).as("path of a metrics push").isEqualTo("/v1/metrics");
      assertThat(r.header("x-scope-orgid")).as("x-scope-orgid of a metrics push").isEqualTo("metrics tenant");
    });
    await("scanium_telemetry_exported_total{signal=\"metrics\"} > 0",
        () -> value("scanium_telemetry_exported_total", "metrics") > 0);
    assertThat(value("scanium_telemetry_export_up", "metrics")).isEqualTo(1.0);
  }

  @Test
  void aCollectorThatRefusesMetricsIsSaidAndCounted() throws Exception {
    Map<String, String> env = env(Map.of("SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()),
        "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none", "SCANIUM_STARTUP_PROBE", "warn"));
    // A collector without a metrics pipeline answers 404 on /v1/metrics.
    receiver.respondWith(404);
    try (StderrCapture err = StderrCapture.start()) {
      start(env);
      traffic();
      await("scanium_telemetry_export_failures_total{signal=\"metrics\"} >= 1",
          () -> value("scanium_telemetry_export_failures_total", "metrics") >= 1);
      assertThat(value("scanium_telemetry_export_up", "metrics")).isZero();
      assertThat(value("scanium_telemetry_export_failed_total", "metrics")).isPositive();
      assertThat(value("scanium_telemetry_exported_total", "metrics")).isZero();
      await("the startup probe of metrics", () -> series("scanium_telemetry_startup_probe",
          Map.of("signal", "metrics", "result", "not_found")) == 1);
      await("the export failure on stderr", () -> err.text().contains("metric points to " + receiver.endpoint()
          + "/v1/metrics: the collector answered HTTP 404"));
    }
  }

  @Test
  void aRegistryThatCannotBeReadIsSaidAndCounted() throws Exception {
    AtomicBoolean broken = new AtomicBoolean(true);
    try (StderrCapture err = StderrCapture.start()) {
      start(env(Map.of("SCANIUM_METRICS_PORT", "off",
          "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test,service.instance.id=pod-7")));
      assertThat(telemetry.startupReport()).contains("pushed instead: the same series every 200 ms");
      // An application's collector that throws: the push cannot carry the registry.
      telemetry.registry().register(() -> {
        if (broken.get()) {
          throw new IllegalStateException("broken collector");
        }
        return new GaugeSnapshot(new MetricMetadata("app_mended"), List.of());
      });
      await("the unreadable registry on stderr", () -> err.text().contains("Could not read the metrics to push to "
          + receiver.endpoint() + "/v1/metrics: java.lang.IllegalStateException: broken collector."));
      // The test's own reads of the registry would fail the same way while the collector throws.
      broken.set(false);
      assertThat(value("scanium_telemetry_export_failures_total", "metrics")).isGreaterThanOrEqualTo(1);
      await("the push to recover", () -> value("scanium_telemetry_export_up", "metrics") == 1);
      ReceivedMetric info = receiver.awaitMetric(ReceivedMetric.named(ScaniumMetrics.TELEMETRY_INFO), DEADLINE);
      assertThat(OtlpReceiver.attribute(info.resource().getAttributesList(), "service.instance.id"))
          .as("a configured service.instance.id, kept").isEqualTo("pod-7");
    }
  }

  @Test
  void aScrapeOnlyServiceHasNoMetricsExportSeries() throws Exception {
    start(env(Map.of("OTEL_METRICS_EXPORTER", "none", "SCANIUM_METRICS_PORT", "off")));
    assertThat(Scrape.of(telemetry.registry())
        .series("scanium_telemetry_export_up", Map.of("signal", "metrics"))).isEmpty();
    assertThat(telemetry.startupReport()).doesNotContain("pushed too");
  }

  private double value(String name, String signal) {
    return series(name, Map.of("signal", signal));
  }

  private double series(String name, Map<String, String> labels) {
    return Scrape.of(telemetry.registry()).value(name, labels);
  }

  private static Map<String, Double> http(Map<String, Double> series) {
    Map<String, Double> out = new TreeMap<>();
    series.forEach((k, v) -> {
      if (k.startsWith("scanium_http_")) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The series only one side has, and the scanium_http_* series whose values differ. */
  private static String difference(Map<String, Double> scrape, Map<String, Double> push) {
    TreeSet<String> onlyScrape = new TreeSet<>(scrape.keySet());
    onlyScrape.removeAll(push.keySet());
    TreeSet<String> onlyPush = new TreeSet<>(push.keySet());
    onlyPush.removeAll(scrape.keySet());
    Map<String, String> values = new TreeMap<>();
    http(scrape).forEach((k, v) -> {
      if (push.containsKey(k) && !push.get(k).equals(v)) {
        values.put(k, "scraped " + v + ", pushed " + push.get(k));
      }
    });
    return "only in the scrape: " + onlyScrape + "; only in the push: " + onlyPush + "; values differ: " + values;
  }
}
