package io.scanium.telemetry.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real OpenTelemetry SDK exporters, over the JDK HTTP sender, must be understood by the receiver. */
@Timeout(60)
class SdkExporterInteropTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Resource RESOURCE = Resource.getDefault()
      .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "interop-service")));

  private OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void decodesSpansAndCorrelatedLogsFromTheSdkExporters() {
    OtlpHttpSpanExporter spanExporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(receiver.endpoint() + "/v1/traces")
        .setCompression("gzip")
        .setTimeout(Duration.ofSeconds(5))
        .build();
    OtlpHttpLogRecordExporter logExporter = OtlpHttpLogRecordExporter.builder()
        .setEndpoint(receiver.endpoint() + "/v1/logs")
        .setTimeout(Duration.ofSeconds(5))
        .build();
    String traceId;
    String parentSpanId;
    String childSpanId;
    try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .setResource(RESOURCE)
            .addSpanProcessor(SimpleSpanProcessor.create(spanExporter))
            .build();
        SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder()
            .setResource(RESOURCE)
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logExporter))
            .build()) {
      Tracer tracer = tracerProvider.get("interop-tracer");
      Span parent = tracer.spanBuilder("checkout").startSpan();
      // Explicit close rather than try-with-resources: the scopes are never referenced, which -Xlint:try flags.
      Scope parentScope = parent.makeCurrent();
      try {
        Span child = tracer.spanBuilder("GET /orders/{id}")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.route", "/orders/{id}")
            .setAttribute(AttributeKey.longKey("http.response.status_code"), 500L)
            .startSpan();
        Scope childScope = child.makeCurrent();
        try {
          loggerProvider.get("com.example.Orders").logRecordBuilder()
              .setSeverity(Severity.ERROR)
              .setSeverityText("ERROR")
              .setBody("order 17 failed")
              .setAttribute(AttributeKey.stringKey("order.id"), "17")
              .emit();
        } finally {
          childScope.close();
        }
        child.end();
        childSpanId = child.getSpanContext().getSpanId();
      } finally {
        parentScope.close();
        parent.end();
      }
      traceId = parent.getSpanContext().getTraceId();
      parentSpanId = parent.getSpanContext().getSpanId();

      assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(loggerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    ReceivedSpan child = receiver.awaitSpan(ReceivedSpan.named("GET /orders/{id}"), WAIT);
    ReceivedSpan parent = receiver.awaitSpan(ReceivedSpan.named("checkout"), WAIT);
    assertThat(child.traceIdHex()).isEqualTo(traceId);
    assertThat(child.spanIdHex()).isEqualTo(childSpanId);
    assertThat(child.parentSpanIdHex()).isEqualTo(parentSpanId);
    assertThat(child.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(child.attribute("http.route")).isEqualTo("/orders/{id}");
    assertThat(child.attribute("http.response.status_code")).isEqualTo("500");
    assertThat(child.resourceAttribute("service.name")).isEqualTo("interop-service");
    assertThat(child.resourceAttribute("telemetry.sdk.language")).isEqualTo("java");
    assertThat(child.scopeName()).isEqualTo("interop-tracer");
    assertThat(parent.parentSpanIdHex()).isEmpty();
    assertThat(receiver.awaitSpans(ReceivedSpan.inTrace(traceId), 2, WAIT)).hasSize(2);

    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody("order 17 failed"), WAIT);
    assertThat(log.severityText()).isEqualTo("ERROR");
    assertThat(log.attribute("order.id")).isEqualTo("17");
    assertThat(log.traceIdHex()).isEqualTo(traceId);
    assertThat(log.spanIdHex()).isEqualTo(childSpanId);
    assertThat(log.scopeName()).isEqualTo("com.example.Orders");
    assertThat(log.resourceAttribute("service.name")).isEqualTo("interop-service");
    assertThat(receiver.badRequestCount()).isZero();
  }

  @Test
  void decodesMetricsFromTheSdkExporter() {
    OtlpHttpMetricExporter metricExporter = OtlpHttpMetricExporter.builder()
        .setEndpoint(receiver.endpoint(Signal.METRICS))
        .setTimeout(Duration.ofSeconds(5))
        .build();
    try (SdkMeterProvider meterProvider = SdkMeterProvider.builder()
        .setResource(RESOURCE)
        // A long interval, so that only the explicit flush below exports.
        .registerMetricReader(PeriodicMetricReader.builder(metricExporter)
            .setInterval(Duration.ofHours(1))
            .build())
        .build()) {
      LongCounter counter = meterProvider.get("interop-meter").counterBuilder("orders.placed").build();
      counter.add(3, Attributes.of(AttributeKey.stringKey("region"), "eu"));

      assertThat(meterProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    ReceivedMetric metric = receiver.awaitMetric(ReceivedMetric.named("orders.placed"), WAIT);
    assertThat(metric.scopeName()).isEqualTo("interop-meter");
    assertThat(metric.resourceAttribute("service.name")).isEqualTo("interop-service");
    assertThat(metric.metric().getSum().getDataPoints(0).getAsInt()).isEqualTo(3);
    assertThat(OtlpReceiver.attribute(metric.metric().getSum().getDataPoints(0).getAttributesList(), "region"))
        .isEqualTo("eu");
  }

  @Test
  void theSdkExporterSeesFailuresAndTimeouts() {
    OtlpHttpSpanExporter spanExporter = OtlpHttpSpanExporter.builder()
        .setEndpoint(receiver.endpoint(Signal.TRACES))
        .setTimeout(Duration.ofMillis(500))
        .setRetryPolicy(null)
        .build();
    try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spanExporter))
        .build()) {
      Tracer tracer = tracerProvider.get("interop-tracer");

      receiver.respondWith(503);
      tracer.spanBuilder("refused").startSpan().end();
      CompletableResultCode refused = tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
      assertThat(refused.isDone()).isTrue();
      assertThat(refused.isSuccess()).isFalse();
      assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(1);

      receiver.hang();
      tracer.spanBuilder("unanswered").startSpan().end();
      CompletableResultCode unanswered = tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
      assertThat(unanswered.isDone()).isTrue();
      assertThat(unanswered.isSuccess()).isFalse();
      assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(2);

      receiver.respondNormally();
      tracer.spanBuilder("accepted").startSpan().end();
      assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("accepted");
  }
}
