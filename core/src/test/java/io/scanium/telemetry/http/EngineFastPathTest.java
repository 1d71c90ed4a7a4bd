package io.scanium.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.exposition.Exemplar;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.testsupport.Scrape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's shortcuts behave as the general path: excluded paths, tracing off, exemplars offered sparingly. */
class EngineFastPathTest {

  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  private final PrometheusRegistry registry = new PrometheusRegistry();

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void anExcludedPathGetsNoSpanNoSeriesAndNoScope() {
    HttpServerInstrumenter<HttpServerTelemetryTest.Req> http = HttpServerTelemetry.builder(sdk, registry).build()
        .instrumenter(HttpServerTelemetryTest.GETTER, path -> path.startsWith("/health"));

    HttpRequestObservation health = http.start(new HttpServerTelemetryTest.Req("GET", "/health/ready",
        Map.of("traceparent", TRACEPARENT)), "/health/ready");
    Context before = Context.current();
    Scope scope = health.makeCurrent();
    try {
      assertThat(Context.current()).isSameAs(before);
      assertThat(health.context()).isSameAs(before);
    } finally {
      scope.close();
    }
    assertThat(health.isEnded()).as("an excluded request reports itself ended, so adapters skip their end work")
        .isTrue();
    health.setRoute("/health/ready");
    health.end(200);
    http.start(new HttpServerTelemetryTest.Req("GET", "/v1/items/1", Map.of())).end(200);

    assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getAttributes().get(SpanListener.URL_PATH))
        .containsExactly("/v1/items/1");
    Scrape scrape = Scrape.of(registry);
    assertThat(scrape.value("scanium_http_requests_total", Map.of("route", HttpRoutes.UNMATCHED))).isEqualTo(1);
    assertThat(scrape.value("scanium_http_requests_total", Map.of())).isEqualTo(1);
  }

  @Test
  void aFailingExclusionObservesTheRequest() {
    HttpServerInstrumenter<HttpServerTelemetryTest.Req> http = HttpServerTelemetry.builder(sdk, registry).build()
        .instrumenter(HttpServerTelemetryTest.GETTER, path -> {
          throw new IllegalStateException("broken predicate");
        });

    HttpRequestObservation o = http.start(new HttpServerTelemetryTest.Req("GET", "/x", Map.of()));
    o.end(200);

    assertThat(spans.getFinishedSpanItems()).hasSize(1);
    assertThat(Scrape.of(registry).value("scanium_http_requests_total", Map.of())).isEqualTo(1);
  }

  @Test
  void withoutTracingOrPropagationTheRequestRunsInTheRootContext() {
    HttpServerInstrumenter<HttpServerTelemetryTest.Req> http = HttpServerTelemetry.builder(OpenTelemetry.noop(),
        registry).build().instrumenter(HttpServerTelemetryTest.GETTER);

    HttpRequestObservation o = http.start(new HttpServerTelemetryTest.Req("GET", "/v1/items/1",
        Map.of("traceparent", TRACEPARENT)), "/v1/items/{id}");
    Scope scope = o.makeCurrent();
    try {
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
    } finally {
      scope.close();
    }
    o.end(200);

    assertThat(Span.fromContext(o.context()).getSpanContext().isValid()).isFalse();
    assertThat(Scrape.of(registry).value("scanium_http_requests_total",
        Map.of("route", "/v1/items/{id}", "status_code", "200"))).isEqualTo(1);
  }

  @Test
  void withPropagationOnlyTheCallersTraceContinuesThroughTheRequest() {
    OpenTelemetry propagating =
        OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
    HttpServerInstrumenter<HttpServerTelemetryTest.Req> http =
        HttpServerTelemetry.builder(propagating, registry).build().instrumenter(HttpServerTelemetryTest.GETTER);

    HttpRequestObservation o = http.start(new HttpServerTelemetryTest.Req("GET", "/v1/items/1",
        Map.of("traceparent", TRACEPARENT)), "/v1/items/{id}");
    Scope scope = o.makeCurrent();
    SpanContext current = Span.current().getSpanContext();
    scope.close();
    o.end(200);

    assertThat(current.isRemote()).isTrue();
    assertThat(current.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(current.getSpanId()).isEqualTo("b7ad6b7169203331");
    // The caller's sampled trace is what an exemplar can point to when this service records no span.
    String openMetrics = Scrape.openMetricsText(registry);
    assertThat(openMetrics).contains("trace_id=\"0af7651916cd43dd8448eb211c80319c\"");
  }

  @Test
  void theFirstSampledRequestOfASeriesIsOfferedAsItsExemplar() {
    HttpServerInstrumenter<HttpServerTelemetryTest.Req> http =
        HttpServerTelemetry.builder(sdk, registry).build().instrumenter(HttpServerTelemetryTest.GETTER);
    for (int i = 0; i < 50; i++) {
      http.start(new HttpServerTelemetryTest.Req("GET", "/v1/items/" + i, Map.of()), "/v1/items/{id}").end(200);
    }

    List<String> traceIds = spans.getFinishedSpanItems().stream().map(SpanData::getTraceId).toList();
    List<Exemplar> offered = Exposition.parse(Scrape.openMetricsText(registry))
        .series("scanium_http_request_duration_ms_bucket", Map.of("route", "/v1/items/{id}")).stream()
        .flatMap(bucket -> bucket.exemplar().stream()).toList();
    assertThat(offered).allSatisfy(e -> {
      assertThat(e.labels()).containsOnlyKeys("span_id", "trace_id");
      assertThat(e.labels().get("span_id")).matches("[0-9a-f]{16}");
      assertThat(e.labels().get("trace_id")).matches("[0-9a-f]{32}");
    });
    List<String> exemplars = offered.stream().map(e -> e.labels().get("trace_id")).toList();
    // Offers are spaced in time per series, but the first one is made at once, and no exemplar existed to keep.
    assertThat(exemplars).contains(traceIds.get(0));
    assertThat(traceIds).containsAll(exemplars);
  }
}
