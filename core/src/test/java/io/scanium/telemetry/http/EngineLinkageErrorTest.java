package io.scanium.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.http.HttpServerTelemetryTest.Req;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a dependency version mismatch on the request path does: the {@code NoSuchMethodError} the JVM throws when the
 * OpenTelemetry API on the class path lacks a method the library calls never reaches the request. The failing
 * signal is switched off with one stderr line and {@code scanium_telemetry_signal_disabled{signal}} 1, and the other
 * signal keeps recording.
 *
 * <p>The errors are thrown by an OpenTelemetry whose tracer (or span) fails exactly as a mismatched jar makes the JVM
 * fail, on the first call of the missing method and on every call after.
 */
class EngineLinkageErrorTest {

  private static final int REQUESTS = 5;

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
      .build();
  private final PrometheusRegistry registry = new PrometheusRegistry();

  @AfterEach
  void close() {
    sdk.close();
  }

  /** {@link #REQUESTS} requests as an adapter serves them; none may see an exception. */
  @SuppressWarnings("try") // a scope held for its effect
  private static void serveRequests(HttpServerInstrumenter<Req> http) {
    for (int i = 0; i < REQUESTS; i++) {
      assertThatCode(() -> {
        HttpRequestObservation o = http.start(new Req("GET", "/v1/items/1", Map.of()));
        o.setRoute("/v1/items/{id}");
        try (Scope ignored = o.makeCurrent()) {
          o.end(200);
        }
      }).as("request %d with a mismatched dependency", i).doesNotThrowAnyException();
    }
  }

  @Test
  void aTracingLinkageErrorDisablesTracesOnlyAndEveryRequestGoesOn() {
    OpenTelemetry mismatched = new Mismatched(sdk, true, false);
    HttpServerInstrumenter<Req> http = HttpServerTelemetry.builder(mismatched, registry).build()
        .instrumenter(HttpServerTelemetryTest.GETTER);
    try (StderrCapture err = StderrCapture.start()) {
      serveRequests(http);
      assertThat(err.text().lines().filter(l -> l.contains("traces disabled")))
          .as("stderr lines about traces being disabled").hasSize(1)
          .first().asString()
          .contains("NoSuchMethodError")
          .contains("dependency version mismatch")
          .contains("opentelemetry-api ")
          .contains("scanium_telemetry_signal_disabled{signal=\"traces\"}");
    }
    Scrape s = Scrape.of(registry);
    assertThat(s.value("scanium_telemetry_signal_disabled", Map.of("signal", "traces")))
        .as("scanium_telemetry_signal_disabled{signal=traces}").isEqualTo(1);
    assertThat(s.value("scanium_telemetry_signal_disabled", Map.of("signal", "metrics")))
        .as("scanium_telemetry_signal_disabled{signal=metrics}").isZero();
    assertThat(s.value("scanium_http_requests_total", Map.of("route", "/v1/items/{id}", "status_code", "200")))
        .as("scanium_http_requests_total{route=/v1/items/{id}} while traces are off").isEqualTo(REQUESTS);
  }

  @Test
  void aMetricsLinkageErrorDisablesMetricsOnlyAndSpansKeepComing() {
    OpenTelemetry mismatched = new Mismatched(sdk, false, true);
    HttpServerInstrumenter<Req> http = HttpServerTelemetry.builder(mismatched, registry).build()
        .instrumenter(HttpServerTelemetryTest.GETTER);
    try (StderrCapture err = StderrCapture.start()) {
      serveRequests(http);
      assertThat(err.text().lines().filter(l -> l.contains("metrics disabled")))
          .as("stderr lines about metrics being disabled").hasSize(1)
          .first().asString().contains("NoSuchMethodError").contains("prometheus-metrics-core ");
    }
    assertThat(exported.getFinishedSpanItems()).as("server spans while metrics are off").hasSize(REQUESTS)
        .allMatch(span -> span.getName().equals("GET /v1/items/{id}"));
    assertThat(Scrape.of(registry).value("scanium_telemetry_signal_disabled", Map.of("signal", "metrics")))
        .as("scanium_telemetry_signal_disabled{signal=metrics}").isEqualTo(1);
  }

  /**
   * The SDK's tracing behind the API as a mismatched jar presents it: with {@code tracerFails} every span builder
   * call throws; with {@code spanContextFails} the spans work but reading their context (the exemplar lookup of the
   * metrics side) throws.
   */
  private static final class Mismatched implements OpenTelemetry {
    private final OpenTelemetry delegate;
    private final boolean tracerFails;
    private final boolean spanContextFails;

    Mismatched(OpenTelemetry delegate, boolean tracerFails, boolean spanContextFails) {
      this.delegate = delegate;
      this.tracerFails = tracerFails;
      this.spanContextFails = spanContextFails;
    }

    @Override
    public TracerProvider getTracerProvider() {
      TracerProvider real = delegate.getTracerProvider();
      return new TracerProvider() {
        @Override
        public Tracer get(String name) {
          return tracer(real.get(name));
        }

        @Override
        public Tracer get(String name, String version) {
          return tracer(real.get(name, version));
        }

        @Override
        public TracerBuilder tracerBuilder(String name) {
          TracerBuilder b = real.tracerBuilder(name);
          return new TracerBuilder() {
            @Override
            public TracerBuilder setSchemaUrl(String url) {
              b.setSchemaUrl(url);
              return this;
            }

            @Override
            public TracerBuilder setInstrumentationVersion(String v) {
              b.setInstrumentationVersion(v);
              return this;
            }

            @Override
            public Tracer build() {
              return tracer(b.build());
            }
          };
        }
      };
    }

    private Tracer tracer(Tracer real) {
      return name -> {
        if (tracerFails) {
          throw new NoSuchMethodError("'io.opentelemetry.api.trace.SpanBuilder"
              + " io.opentelemetry.api.trace.Tracer.spanBuilder(java.lang.String)'");
        }
        SpanBuilder b = real.spanBuilder(name);
        return spanContextFails ? new FailingContextSpanBuilder(b) : b;
      };
    }

    @Override
    public ContextPropagators getPropagators() {
      return delegate.getPropagators();
    }
  }

  /** Builds real spans whose {@code getSpanContext()} fails as a method missing from the API jar would. */
  private static final class FailingContextSpanBuilder implements SpanBuilder {
    private final SpanBuilder b;

    FailingContextSpanBuilder(SpanBuilder b) {
      this.b = b;
    }

    @Override
    public SpanBuilder setParent(io.opentelemetry.context.Context context) {
      b.setParent(context);
      return this;
    }

    @Override
    public SpanBuilder setNoParent() {
      b.setNoParent();
      return this;
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext) {
      b.addLink(spanContext);
      return this;
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext, io.opentelemetry.api.common.Attributes attributes) {
      b.addLink(spanContext, attributes);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, String value) {
      b.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, long value) {
      b.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, double value) {
      b.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, boolean value) {
      b.setAttribute(key, value);
      return this;
    }

    @Override
    public <T> SpanBuilder setAttribute(io.opentelemetry.api.common.AttributeKey<T> key, T value) {
      b.setAttribute(key, value);
      return this;
    }

    @Override
    public SpanBuilder setSpanKind(io.opentelemetry.api.trace.SpanKind spanKind) {
      b.setSpanKind(spanKind);
      return this;
    }

    @Override
    public SpanBuilder setStartTimestamp(long startTimestamp, java.util.concurrent.TimeUnit unit) {
      b.setStartTimestamp(startTimestamp, unit);
      return this;
    }

    @Override
    public Span startSpan() {
      Span real = b.startSpan();
      return new ContextlessSpan(real);
    }
  }

  /** A recording span whose context cannot be read. */
  private static final class ContextlessSpan implements Span {
    private final Span real;

    ContextlessSpan(Span real) {
      this.real = real;
    }

    @Override
    public <T> Span setAttribute(io.opentelemetry.api.common.AttributeKey<T> key, T value) {
      real.setAttribute(key, value);
      return this;
    }

    @Override
    public Span addEvent(String name, io.opentelemetry.api.common.Attributes attributes) {
      real.addEvent(name, attributes);
      return this;
    }

    @Override
    public Span addEvent(String name, io.opentelemetry.api.common.Attributes attributes, long timestamp,
        java.util.concurrent.TimeUnit unit) {
      real.addEvent(name, attributes, timestamp, unit);
      return this;
    }

    @Override
    public Span setStatus(io.opentelemetry.api.trace.StatusCode statusCode, String description) {
      real.setStatus(statusCode, description);
      return this;
    }

    @Override
    public Span recordException(Throwable exception, io.opentelemetry.api.common.Attributes additional) {
      real.recordException(exception, additional);
      return this;
    }

    @Override
    public Span updateName(String name) {
      real.updateName(name);
      return this;
    }

    @Override
    public void end() {
      real.end();
    }

    @Override
    public void end(long timestamp, java.util.concurrent.TimeUnit unit) {
      real.end(timestamp, unit);
    }

    @Override
    public SpanContext getSpanContext() {
      throw new NoSuchMethodError("'io.opentelemetry.api.trace.SpanContext"
          + " io.opentelemetry.api.trace.Span.getSpanContext()'");
    }

    @Override
    public boolean isRecording() {
      return real.isRecording();
    }
  }
}
