package io.scanium.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The generic API's guarantees, without any server: methods, idempotent end, other threads, failing getters. */
class HttpServerTelemetryTest {

  /** A request of an imaginary framework. */
  record Req(String method, String path, Map<String, String> headers) {}

  static final HttpRequestGetter<Req> GETTER = new HttpRequestGetter<>() {
    @Override
    public String method(Req r) {
      return r.method();
    }

    @Override
    public String path(Req r) {
      return r.path();
    }

    @Override
    public String header(Req r, String name) {
      return r.headers().get(name);
    }
  };

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final HttpServerInstrumenter<Req> http = HttpServerTelemetry.builder(sdk, registry)
      .serviceName("svc").deploymentEnvironment("env").build().instrumenter(GETTER);

  @AfterEach
  void close() {
    sdk.close();
  }

  @Test
  void nonStandardMethodsAreOther() {
    http.start(new Req("PURGE", "/cache", Map.of()), "/cache").end(204);
    assertThat(Scrape.of(registry).value("scanium_http_requests_total",
        Map.of("method", "_OTHER", "route", "/cache", "status_code", "204"))).isEqualTo(1);
    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getName()).isEqualTo("HTTP /cache");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("_OTHER");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method_original"))).isEqualTo("PURGE");
    http.start(new Req("get", "/cache", Map.of()), "/cache").end(200);
    assertThat(Scrape.of(registry).labelValues("scanium_http_requests_total", "method")).containsExactly("_OTHER");
  }

  @Test
  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  void endIsIdempotentAndMayHappenOnAnotherThread() throws Exception {
    HttpRequestObservation o = http.start(new Req("GET", "/v1/items/1", Map.of()));
    String traceInHandler;
    try (Scope ignored = o.makeCurrent()) {
      traceInHandler = Span.current().getSpanContext().getTraceId();
    }
    o.setRoute("/v1/items/:id");
    CompletableFuture.runAsync(() -> o.end(201)).get();
    o.end(500, new IllegalStateException("late"));
    assertThat(o.isEnded()).isTrue();
    assertThat(o.route()).isEqualTo("/v1/items/{id}");
    Scrape s = Scrape.of(registry);
    assertThat(s.value("scanium_http_requests_total", Map.of("route", "/v1/items/{id}"))).isEqualTo(1);
    assertThat(s.value("scanium_http_requests_total", Map.of("status_code", "201"))).isEqualTo(1);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "GET"))).isZero();
    assertThat(spans.getFinishedSpanItems()).singleElement()
        .satisfies(sp -> assertThat(sp.getTraceId()).isEqualTo(traceInHandler));
  }

  @Test
  void counterAndInFlightAreDerivedFromTheHistogramConsistently() {
    HttpRequestObservation get1 = http.start(new Req("GET", "/a", Map.of()), "/a");
    HttpRequestObservation get2 = http.start(new Req("GET", "/a", Map.of()), "/a");
    HttpRequestObservation post = http.start(new Req("POST", "/a", Map.of()), "/a");
    Scrape s = Scrape.of(registry);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "GET"))).isEqualTo(2);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "POST"))).isEqualTo(1);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "PUT"))).isZero();
    get1.end(200);
    // A status the series cache has no slot for is still counted, in a series of its own.
    get2.end(999);
    s = Scrape.of(registry);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "GET"))).isZero();
    assertThat(s.value("scanium_http_requests_in_flight", Map.of("method", "POST"))).isEqualTo(1);
    assertThat(s.value("scanium_http_requests_total", Map.of("method", "GET", "status_code", "999"))).isEqualTo(1);
    post.end(201);
    for (int i = 0; i < 5; i++) {
      http.start(new Req("GET", "/a", Map.of()), "/a").end(200);
    }
    s = Scrape.of(registry);
    for (String status : new String[] {"200", "201", "999"}) {
      Map<String, String> labels = Map.of("status_code", status);
      assertThat(s.value("scanium_http_requests_total", labels)).as("requests_total of " + status)
          .isEqualTo(s.value("scanium_http_request_duration_ms_count", labels));
    }
    assertThat(s.value("scanium_http_requests_total", Map.of("method", "GET", "status_code", "200"))).isEqualTo(6);
    assertThat(s.value("scanium_http_requests_in_flight", Map.of())).isZero();
    assertThat(registry.scrape().stream().map(m -> m.getMetadata().getPrometheusName()))
        .containsOnlyOnce("scanium_http_requests", "scanium_http_request_duration_ms",
            "scanium_http_requests_in_flight");
    // The engine's names are claimed in the registry: a second engine on it is refused, not silently doubled.
    assertThatThrownBy(() -> HttpServerTelemetry.builder(sdk, registry).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("scanium_http_requests");
  }

  @Test
  void unknownStatusIs500WithAnErrorAnd200Without() {
    http.start(new Req("GET", "/a", Map.of()), "/a").end(0, new RuntimeException("boom"));
    http.start(new Req("GET", "/a", Map.of()), "/a").end(0);
    Scrape s = Scrape.of(registry);
    assertThat(s.value("scanium_http_requests_total", Map.of("route", "/a", "status_code", "500"))).isEqualTo(1);
    assertThat(s.value("scanium_http_requests_total", Map.of("route", "/a", "status_code", "200"))).isEqualTo(1);
  }

  @Test
  void repeatedBaggageLinesAreOneList() {
    HttpRequestGetter<Map<String, List<String>>> lines = new HttpRequestGetter<>() {
      @Override
      public String method(Map<String, List<String>> r) {
        return "GET";
      }

      @Override
      public String path(Map<String, List<String>> r) {
        return "/b";
      }

      @Override
      public String header(Map<String, List<String>> r, String name) {
        List<String> v = r.get(name);
        return v == null ? null : v.get(0);
      }

      @Override
      public Iterable<String> headerValues(Map<String, List<String>> r, String name) {
        return r.getOrDefault(name, List.of());
      }
    };
    OpenTelemetrySdk withBaggage = OpenTelemetrySdk.builder().setPropagators(ContextPropagators.create(
        W3CBaggagePropagator.getInstance())).build();
    HttpRequestObservation o = HttpServerTelemetry.builder(withBaggage, new PrometheusRegistry()).build()
        .instrumenter(lines).start(Map.of("baggage", List.of("tenant=acme", "region=eu,plan=gold")));
    o.end(200);

    assertThat(Baggage.fromContext(o.context()).asMap().keySet()).as("baggage entries of both lines")
        .containsExactlyInAnyOrder("tenant", "region", "plan");
  }

  @Test
  void errorTypeIsTheStatusSentAndTheExceptionOnlyWithoutOne() {
    http.start(new Req("GET", "/sent", Map.of()), "/sent").end(500, new IllegalStateException("boom"));
    http.start(new Req("GET", "/none", Map.of()), "/none").end(0, new IllegalStateException("boom"));
    http.start(new Req("GET", "/late", Map.of()), "/late").end(200, new IllegalStateException("after the answer"));

    Map<String, SpanData> byName = new java.util.HashMap<>();
    spans.getFinishedSpanItems().forEach(sp -> byName.put(sp.getName(), sp));
    AttributeKey<String> errorType = AttributeKey.stringKey("error.type");
    assertThat(byName.get("GET /sent").getAttributes().get(errorType)).as("error.type of GET /sent").isEqualTo("500");
    assertThat(byName.get("GET /none").getAttributes().get(errorType)).as("error.type of GET /none")
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(byName.get("GET /late").getAttributes().get(errorType)).as("error.type of GET /late")
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(byName.get("GET /sent").getInstrumentationScopeInfo().getSchemaUrl()).as("schema URL of the scope")
        .isEqualTo("https://opentelemetry.io/schemas/1.28.0");
    assertThat(byName.values()).as("every span keeps its exception event and is an error")
        .allSatisfy(sp -> {
          assertThat(sp.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
          assertThat(sp.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        });
  }

  @Test
  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  void aFailingGetterNeverThrowsIntoTheApplication() {
    HttpServerInstrumenter<Req> broken = HttpServerTelemetry.builder(sdk, new PrometheusRegistry()).build()
        .instrumenter(new HttpRequestGetter<>() {
          @Override
          public String method(Req r) {
            throw new IllegalStateException("method getter broken");
          }

          @Override
          public String path(Req r) {
            throw new IllegalStateException("path getter broken");
          }

          @Override
          public String header(Req r, String name) {
            throw new IllegalStateException("header getter broken");
          }
        });
    try (StderrCapture err = StderrCapture.start()) {
      assertThatCode(() -> {
        HttpRequestObservation o = broken.start(new Req("GET", "/", Map.of()));
        o.setRoute(null);
        try (Scope ignored = o.makeCurrent()) {
          o.end(200);
        }
      }).doesNotThrowAnyException();
      assertThat(err.text()).contains("HTTP instrumentation failed in");
    }
  }

  @Test
  @SuppressWarnings("try")
  void theApplicationsSpanIsNeverWrittenToNorTakenAsTheExemplar() {
    // Traces going nowhere: the request has no span of its own, so the exemplar sampler is left to itself, as when
    // the request's span is not sampled.
    PrometheusRegistry own = new PrometheusRegistry();
    HttpServerInstrumenter<Req> untraced = HttpServerTelemetry.builder(
        io.opentelemetry.api.OpenTelemetry.propagating(sdk.getPropagators()), own).build().instrumenter(GETTER);
    Span application = sdk.getTracer("app").spanBuilder("handler").startSpan();
    try (Scope ignored = application.makeCurrent()) {
      untraced.start(new Req("GET", "/users/1", Map.of()), "/users/{id}").end(200);
    }
    application.end();

    assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(s -> assertThat(s.getAttributes().asMap())
        .as("attributes of the application's span").isEmpty());
    assertThat(Scrape.openMetricsText(own)).as("exemplars of scanium_http_request_duration_ms")
        .doesNotContain(application.getSpanContext().getSpanId());
  }

  @Test
  void valuesTakenFromTheRequestAreBounded() {
    String path = "/" + "p".repeat(262_144);
    String method = "M".repeat(8_195);
    http.start(new Req(method, path, Map.of("user-agent", "u".repeat(32_768)))).end(404);

    SpanData span = spans.getFinishedSpanItems().get(0);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).as("url.path")
        .hasSize(SpanListener.MAX_PATH).isEqualTo(path.substring(0, SpanListener.MAX_PATH));
    assertThat(span.getAttributes().get(AttributeKey.stringKey("user_agent.original"))).as("user_agent.original")
        .hasSize(SpanListener.MAX_HEADER_VALUE);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method_original")))
        .as("http.request.method_original").hasSize(SpanListener.MAX_METHOD);
    assertThat(Scrape.of(registry).labelValues("scanium_http_requests_total", "method")).containsExactly("_OTHER");
  }

  @Test
  void routeSyntaxesNormaliseToOne() {
    assertThat(HttpRoutes.normalize("/v1/items/:id")).isEqualTo("/v1/items/{id}");
    assertThat(HttpRoutes.normalize("/v1/items/{id: [0-9]+}")).isEqualTo("/v1/items/{id}");
    assertThat(HttpRoutes.normalize("/v1/items/{id:\\d{2,}}/x")).isEqualTo("/v1/items/{id}/x");
    assertThat(HttpRoutes.normalize("v1/items/")).isEqualTo("/v1/items");
    assertThat(HttpRoutes.normalize("")).isEqualTo("/");
    assertThat(HttpRoutes.normalize("/")).isEqualTo("/");
  }

  @Test
  void routeMatcherPrefersLiteralsAndMatchesWildcards() {
    RouteMatcher m = RouteMatcher.of("/v1/items/{id}", "/v1/items/new", "/static/*", "/", "/v1/items/{id}/tags/:tag");
    assertThat(m.match("/v1/items/42")).isEqualTo("/v1/items/{id}");
    assertThat(m.match("/v1/items/42/")).isEqualTo("/v1/items/{id}");
    assertThat(m.match("/v1/items/new")).isEqualTo("/v1/items/new");
    assertThat(m.match("/v1/items/7/tags/red")).isEqualTo("/v1/items/{id}/tags/{tag}");
    assertThat(m.match("/static/css/site.css")).isEqualTo("/static/*");
    assertThat(m.match("/")).isEqualTo("/");
    assertThat(m.match("/v1/items")).isNull();
    assertThat(m.match("/v1/other/1")).isNull();
    assertThat(m.match(null)).isNull();
    assertThat(m.match("relative")).isNull();
    // Literals are searched within the path: neighbours in their order, prefixes and longer segments do not match.
    RouteMatcher many = RouteMatcher.of("/a", "/ab", "/abc/x", "/b/{id}", "/ba", "/z/*", "/b");
    assertThat(many.match("/ab")).isEqualTo("/ab");
    assertThat(many.match("/abc/x")).isEqualTo("/abc/x");
    assertThat(many.match("/abc")).isNull();
    assertThat(many.match("/abcd/x")).isNull();
    assertThat(many.match("/b")).isEqualTo("/b");
    assertThat(many.match("/ba")).isEqualTo("/ba");
    assertThat(many.match("/b/1")).isEqualTo("/b/{id}");
    assertThat(many.match("/z/q/r")).isEqualTo("/z/*");
    assertThat(many.match("/")).isNull();
    assertThat(many.match("/\u00e9")).isNull();
  }

  /**
   * Beside the OpenTelemetry Java agent, which starts the server span before any application code runs: the engine
   * adopts that span (route and name), never starts a second one, never ends the agent's, and points its exemplars at
   * it. An SDK span made current stands for the agent's here; the real agent is in the agent-tests module.
   */
  @Nested
  class AdoptingTheCurrentServerSpan {

    private final AttributeKey<String> httpRoute = AttributeKey.stringKey("http.route");

    // A registry of its own: the outer engine's already holds the scanium_http_* series.
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpServerInstrumenter<Req> http = HttpServerTelemetry.builder(sdk, registry)
        .serviceName("svc").deploymentEnvironment("env").adoptServerSpans(true).build().instrumenter(GETTER);

    private Span agentServerSpan() {
      return sdk.getTracer("agent").spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
    }

    @Test
    @SuppressWarnings("try") // scopes held for their effect
    void theCurrentServerSpanGetsTheRouteAndNoSecondSpanIsStarted() {
      Span agent = agentServerSpan();
      String traceInHandler;
      try (Scope outer = agent.makeCurrent()) {
        HttpRequestObservation o = http.start(new Req("GET", "/users/7", Map.of()));
        try (Scope inner = o.makeCurrent()) {
          traceInHandler = Span.current().getSpanContext().getSpanId();
          o.setRoute("/users/{id}");
        }
        o.end(404);
      }
      assertThat(spans.getFinishedSpanItems()).as("the engine must not end the agent's span, nor start one").isEmpty();
      assertThat(traceInHandler).as("the handler runs in the agent's span")
          .isEqualTo(agent.getSpanContext().getSpanId());
      agent.end();

      SpanData ended = spans.getFinishedSpanItems().get(0);
      assertThat(spans.getFinishedSpanItems()).as("spans exported").hasSize(1);
      assertThat(ended.getName()).isEqualTo("GET /users/{id}");
      assertThat(ended.getAttributes().get(httpRoute)).isEqualTo("/users/{id}");
      assertThat(ended.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
          .as("the status is the span owner's to record").isNull();
      assertThat(Scrape.of(registry).value("scanium_http_requests_total",
          Map.of("method", "GET", "route", "/users/{id}", "status_code", "404"))).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("try")
    void anUnmatchedRequestLeavesTheAgentsNameAlone() {
      Span agent = agentServerSpan();
      try (Scope outer = agent.makeCurrent()) {
        http.start(new Req("GET", "/nowhere", Map.of())).end(404);
      }
      agent.end();
      assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(s -> {
        assertThat(s.getName()).isEqualTo("GET");
        assertThat(s.getAttributes().get(httpRoute)).isNull();
      });
    }

    @Test
    @SuppressWarnings("try")
    void exemplarsPointAtTheAdoptedSpan() {
      Span agent = agentServerSpan();
      try (Scope outer = agent.makeCurrent()) {
        http.start(new Req("GET", "/users/1", Map.of()), "/users/{id}").end(200);
      }
      agent.end();
      String exposition = Scrape.openMetricsText(registry);
      assertThat(exposition).as("scanium_http_request_duration_ms exemplar")
          .contains("span_id=\"" + agent.getSpanContext().getSpanId() + "\"");
    }

    @Test
    void withNoSpanCurrentTheEngineStartsItsOwn() {
      http.start(new Req("GET", "/users/1", Map.of()), "/users/{id}").end(200);

      assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(s -> {
        assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(s.getName()).isEqualTo("GET /users/{id}");
        assertThat(s.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
      });
    }

    @Test
    @SuppressWarnings("try")
    void aRemoteSpanContextIsNeverAdopted() {
      SpanContext caller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
          TraceFlags.getSampled(), TraceState.getDefault());
      try (Scope outer = Context.root().with(Span.wrap(caller)).makeCurrent()) {
        http.start(new Req("GET", "/users/1", Map.of()), "/users/{id}").end(200);
      }
      assertThat(spans.getFinishedSpanItems()).as("the engine's own span, ended by the engine").singleElement()
          .satisfies(s -> assertThat(s.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
              .isEqualTo(200L));
    }
  }
}
