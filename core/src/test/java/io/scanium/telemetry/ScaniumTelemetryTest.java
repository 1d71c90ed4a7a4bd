package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.client.CollectorRegistry;
import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Install: scrape endpoint, info and JVM series, simpleclient bridge, global registration, the startup report. */
class ScaniumTelemetryTest {

  private final HttpClient client = HttpClient.newHttpClient();

  private static Map<String, String> env(String... more) {
    Map<String, String> m = new HashMap<>();
    m.put("OTEL_SERVICE_NAME", "checkout");
    m.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod");
    m.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + FreePort.pick());
    m.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    m.put("SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()));
    m.put("SCANIUM_REGISTER_GLOBAL", "false");
    for (int i = 0; i < more.length; i += 2) {
      m.put(more[i], more[i + 1]);
    }
    return m;
  }

  private HttpResponse<String> get(URI uri, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (accept != null) {
      b.header("Accept", accept);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void scrapeEndpointServesInfoJvmAndHealthSeriesOnItsOwnPort() throws Exception {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env()).shutdownHook(false).build()) {
      URI uri = t.scrapeUri().orElseThrow();
      assertThat(uri.toString()).isEqualTo("http://127.0.0.1:" + t.scrapePort() + "/metrics");
      HttpResponse<String> r = get(uri, null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain; version=0.0.4");
      Scrape s = Scrape.of(r.body());
      assertThat(s.samples()).containsEntry("scanium_telemetry_info{deployment_environment=\"prod\","
          + "service_name=\"checkout\",version=\"" + ScaniumTelemetry.version() + "\"}", 1.0);
      assertThat(ScaniumTelemetry.version()).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(s.samples().keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
      assertThat(s.samples()).containsEntry("scanium_telemetry_export_up{signal=\"traces\"}", 1.0)
          .containsEntry("scanium_telemetry_dropped_total{signal=\"logs\"}", 0.0)
          .containsEntry("scanium_telemetry_exported_total{signal=\"traces\"}", 0.0);
    }
  }

  @Test
  void openMetricsIsNegotiated() throws Exception {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env()).shutdownHook(false).build()) {
      HttpResponse<String> r = get(t.scrapeUri().orElseThrow(), "application/openmetrics-text; version=1.0.0");
      assertThat(r.headers().firstValue("Content-Type")).get().asString()
          .startsWith("application/openmetrics-text; version=1.0.0");
      assertThat(r.body()).endsWith("# EOF\n").contains("# TYPE scanium_telemetry info");
    }
  }

  @Test
  void customPathAndUnknownPaths() throws Exception {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_PATH", "/internal/prom"))
        .shutdownHook(false).build()) {
      URI base = URI.create("http://127.0.0.1:" + t.scrapePort());
      assertThat(get(base.resolve("/internal/prom"), null).body()).contains("scanium_telemetry_info");
      HttpResponse<String> other = get(base.resolve("/metrics"), null);
      assertThat(other.statusCode()).isEqualTo(404);
      assertThat(other.body()).isEqualTo("Not found. Metrics are served at /internal/prom\n");
    }
  }

  @Test
  void attributeValuesAreBoundedByDefaultAndTheLimitIsTheUsers() {
    for (String[] c : new String[][] {{null, "4096"}, {"100", "100"}}) {
      InMemorySpanExporter spans = InMemorySpanExporter.create();
      Map<String, String> env = c[0] == null ? env() : env("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", c[0]);
      try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env)
          .addSpanProcessor(SimpleSpanProcessor.create(spans)).shutdownHook(false).build()) {
        t.openTelemetry().getTracer("t").spanBuilder("big").setAttribute("payload", "x".repeat(100_000))
            .startSpan().end();
        // Read before close(): shutting the in-memory exporter down empties it.
        assertThat(spans.getFinishedSpanItems().get(0).getAttributes()
            .get(io.opentelemetry.api.common.AttributeKey.stringKey("payload")))
            .as("attribute payload with OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT=%s", c[0]).hasSize(Integer.parseInt(c[1]));
      }
    }
  }

  @Test
  void onlyGetAndHeadAreAnswered() throws Exception {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env()).shutdownHook(false).build()) {
      URI metrics = t.scrapeUri().orElseThrow();
      URI local = URI.create("http://127.0.0.1:" + t.scrapePort() + metrics.getPath());
      for (String method : new String[] {"POST", "PUT", "DELETE"}) {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(local)
            .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s", method, local).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, HEAD");
      }
      HttpResponse<String> head = client.send(HttpRequest.newBuilder(local)
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void scrapeCanBeSwitchedOffAndJvmMetricsToo() {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder()
        .environment(env("SCANIUM_METRICS_PORT", "off", "SCANIUM_JVM_METRICS", "false")).shutdownHook(false).build()) {
      assertThat(t.scrapeUri()).isEmpty();
      assertThat(t.scrapePort()).isZero();
      assertThat(Scrape.of(t.registry()).samples().keySet()).noneMatch(k -> k.startsWith("jvm_"));
      assertThat(t.startupReport()).contains("scrape endpoint OFF (SCANIUM_METRICS_PORT=off (environment variable))");
    }
  }

  @Test
  void defaultBindIsAllInterfaces() throws Exception {
    Map<String, String> e = env();
    e.remove("SCANIUM_METRICS_HOST");
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(e).shutdownHook(false).build()) {
      assertThat(t.scrapeUri().orElseThrow().getHost()).isEqualTo("0.0.0.0");
      assertThat(t.startupReport()).contains("(bind 0.0.0.0:" + t.scrapePort());
      assertThat(get(URI.create("http://127.0.0.1:" + t.scrapePort() + "/metrics"), null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void portInUseIsAConfigurationErrorNamingTheVariable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> e = env("SCANIUM_METRICS_PORT", Integer.toString(taken.getLocalPort()));
      assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(e).shutdownHook(false).build())
          .isInstanceOf(TelemetryConfigurationException.class)
          .hasMessageContaining("SCANIUM_METRICS_PORT = \"" + taken.getLocalPort() + "\" (environment variable)")
          .hasMessageContaining("Without it Prometheus would scrape nothing.")
          .hasMessageContaining("choose a free port with SCANIUM_METRICS_PORT");
    }
  }

  @Test
  void simpleclientMetricsAreServedInTheSameScrape() {
    io.prometheus.client.Counter legacy = io.prometheus.client.Counter.build("legacy_jobs_total", "Legacy jobs.")
        .register();
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_PORT", "off"))
        .shutdownHook(false).build()) {
      legacy.inc(3);
      assertThat(Scrape.of(t.registry()).samples()).containsEntry("legacy_jobs_total", 3.0);
    } finally {
      CollectorRegistry.defaultRegistry.unregister(legacy);
    }
  }

  /** A request of the engine tests below: method, path and a traceparent header. */
  private static final HttpRequestGetter<String[]> REQUEST = new HttpRequestGetter<>() {
    @Override
    public String method(String[] r) {
      return r[0];
    }

    @Override
    public String path(String[] r) {
      return r[1];
    }

    @Override
    public String header(String[] r, String name) {
      return name.equals("traceparent") ? r[2] : null;
    }
  };

  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  @Test
  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  void tracesGoingNowhereGiveRequestsNoSpanButKeepTheCallersContext() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder()
            .environment(env("OTEL_TRACES_EXPORTER", "none", "SCANIUM_METRICS_PORT", "off")).shutdownHook(false)
            .build()) {
      HttpRequestObservation o = t.http().instrumenter(REQUEST).start(new String[] {"GET", "/a", TRACEPARENT});
      try (Scope ignored = o.makeCurrent()) {
        SpanContext current = Span.current().getSpanContext();
        assertThat(current.isRemote()).as("the caller's span is current, no server span of ours").isTrue();
        assertThat(current.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(Span.current().isRecording()).isFalse();
      }
      o.end(200);
      assertThat(t.startupReport()).contains("HTTP requests get no span; the caller's trace context is still"
          + " propagated");
      assertThat(err.text()).contains("HTTP requests get no span");
    }
    // A span processor of the application's own is a receiver: requests get spans again.
    try (ScaniumTelemetry t = ScaniumTelemetry.builder()
        .environment(env("OTEL_TRACES_EXPORTER", "none", "SCANIUM_METRICS_PORT", "off", "SCANIUM_STARTUP_REPORT",
            "false"))
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).shutdownHook(false).build()) {
      t.http().instrumenter(REQUEST).start(new String[] {"GET", "/a", TRACEPARENT}).end(200);
      assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(s -> {
        assertThat(s.getName()).isEqualTo("GET");
        assertThat(s.getParentSpanId()).isEqualTo("b7ad6b7169203331");
      });
      assertThat(t.startupReport()).doesNotContain("HTTP requests get no span");
    }
  }

  @Test
  void installRegistersGlobalAndCloseReleasesIt() {
    Map<String, String> e = env("SCANIUM_METRICS_PORT", "off");
    e.remove("SCANIUM_REGISTER_GLOBAL");
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(e).shutdownHook(false)
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).install()) {
      assertThat(ScaniumTelemetry.installed()).containsSame(t);
      GlobalOpenTelemetry.getTracer("other-instrumentation").spanBuilder("joined").startSpan().end();
      assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getName()).containsExactly("joined");
      assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(e).shutdownHook(false).install())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already installed");
    }
    assertThat(ScaniumTelemetry.installed()).isEmpty();
    try (ScaniumTelemetry again = ScaniumTelemetry.builder().environment(e).shutdownHook(false).install()) {
      assertThat(ScaniumTelemetry.installed()).containsSame(again);
    }
  }

  @Test
  void globalAlreadySetIsRefused() {
    Map<String, String> e = env("SCANIUM_METRICS_PORT", "off");
    e.remove("SCANIUM_REGISTER_GLOBAL");
    GlobalOpenTelemetry.set(io.opentelemetry.api.OpenTelemetry.noop());
    try {
      assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(e).shutdownHook(false).install())
          .isInstanceOf(TelemetryConfigurationException.class)
          .hasMessageContaining("SCANIUM_REGISTER_GLOBAL = \"true\" (default)")
          .hasMessageContaining("GlobalOpenTelemetry was already set");
      assertThat(ScaniumTelemetry.installed()).isEmpty();
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Test
  void startupReportSaysWhereEachSignalGoesAndWhy() {
    Map<String, String> e = env("OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cr3t", "OTEL_LOGS_EXPORTER", "none");
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(e).shutdownHook(false).build()) {
      String report = t.startupReport();
      assertThat(err.text()).contains(report);
      String endpoint = e.get("OTEL_EXPORTER_OTLP_ENDPOINT");
      assertThat(report).startsWith("[scanium-telemetry] Scanium Telemetry Bridge " + ScaniumTelemetry.version())
          .contains("service:    checkout  <- OTEL_SERVICE_NAME=checkout (environment variable)")
          .contains("environment: prod  <- deployment.environment.name in OTEL_RESOURCE_ATTRIBUTES")
          .contains("traces:     otlp http/protobuf POST " + endpoint + "/v1/traces  <- OTEL_EXPORTER_OTLP_ENDPOINT="
              + endpoint + " (environment variable), protocol http/protobuf (default), timeout 10000 (default),"
              + " headers api-key=****")
          .contains("sampler:    OTEL_TRACES_SAMPLER=parentbased_always_on (default)")
          .contains("logs:       not exported  <- OTEL_LOGS_EXPORTER=none (environment variable)")
          .contains("metrics:    scrape http://127.0.0.1:" + t.scrapePort() + "/metrics")
          .doesNotContain("s3cr3t");
    }
  }

  @Test
  void aSamplerThatSamplesNothingADeprecatedKeyAndAWildcardBindAreSaid() {
    Map<String, String> e = env("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0",
        "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod", "SCANIUM_METRICS_HOST", "0.0.0.0",
        "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "3s");
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(e).shutdownHook(false).build()) {
      assertThat(t.startupReport())
          .contains("sampler:    OTEL_TRACES_SAMPLER=traceidratio, ratio 0 (environment variable)")
          .contains("WARN OTEL_TRACES_SAMPLER=traceidratio (environment variable), OTEL_TRACES_SAMPLER_ARG=0"
              + " (environment variable) samples no trace: no span is exported")
          .contains("deployment.environment=prod is the semantic conventions' deprecated key")
          .contains("timeout 3s (environment variable)")
          .containsPattern("scrapers use http://\\S+:" + t.scrapePort() + "/metrics|scrapers reach it at this host");
    }
  }

  @Test
  void anUnknownSamplerIsRefusedNamingIt() {
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env("OTEL_TRACES_SAMPLER", "alwaysoff"))
        .shutdownHook(false).build())
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("OTEL_TRACES_SAMPLER = \"alwaysoff\" (environment variable)")
        .hasMessageContaining("unknown sampler")
        .hasMessageContaining("always_off");
  }

  @Test
  void sdkDisabledReportsExportOffAndStillServesMetrics() {
    Map<String, String> e = env("OTEL_SDK_DISABLED", "true", "SCANIUM_METRICS_PORT", "off");
    e.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(e).shutdownHook(false).build()) {
      assertThat(t.startupReport()).contains("export:     OFF: OTEL_SDK_DISABLED=true")
          .contains("traces:     not exported (OTEL_SDK_DISABLED=true)");
      assertThat(Scrape.of(t.registry()).samples().keySet()).anyMatch(k -> k.startsWith("scanium_telemetry_info"));
      assertThat(Scrape.of(t.registry()).value("scanium_telemetry_export_up", Map.of("signal", "traces")))
          .as("scanium_telemetry_export_up{signal=traces} with OTEL_SDK_DISABLED=true").isZero();
    }
  }
}
