package io.scanium.telemetry.receiver;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/** Builds OTLP requests with the proto builders and posts them as a plain HTTP client would. */
final class Requests {

  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String SPAN_ID = "b7ad6b7169203331";
  static final String PARENT_ID = "00f067aa0ba902b7";

  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Requests() {}

  static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  static Resource resource(String serviceName) {
    return Resource.newBuilder().addAttributes(kv("service.name", serviceName)).build();
  }

  static InstrumentationScope scope(String name) {
    return InstrumentationScope.newBuilder().setName(name).setVersion("1.0").build();
  }

  static ExportTraceServiceRequest traces(String... spanNames) {
    ScopeSpans.Builder scopeSpans = ScopeSpans.newBuilder().setScope(scope("test-tracer"));
    for (String name : spanNames) {
      scopeSpans.addSpans(Span.newBuilder()
          .setTraceId(ByteString.fromHex(TRACE_ID))
          .setSpanId(ByteString.fromHex(SPAN_ID))
          .setParentSpanId(ByteString.fromHex(PARENT_ID))
          .setName(name)
          .setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .addAttributes(kv("http.request.method", "GET"))
          .addAttributes(kv("http.response.status_code", 200))
          .addAttributes(KeyValue.newBuilder().setKey("tags").setValue(AnyValue.newBuilder()
              .setArrayValue(ArrayValue.newBuilder()
                  .addValues(AnyValue.newBuilder().setStringValue("a"))
                  .addValues(AnyValue.newBuilder().setBoolValue(true))))));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource("svc")).addScopeSpans(scopeSpans))
        .build();
  }

  static ExportLogsServiceRequest logs(String... bodies) {
    ScopeLogs.Builder scopeLogs = ScopeLogs.newBuilder().setScope(scope("com.example.Logger"));
    for (String body : bodies) {
      scopeLogs.addLogRecords(LogRecord.newBuilder()
          .setTimeUnixNano(1)
          .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
          .setSeverityText("WARN")
          .setBody(AnyValue.newBuilder().setStringValue(body))
          .setTraceId(ByteString.fromHex(TRACE_ID))
          .setSpanId(ByteString.fromHex(SPAN_ID))
          .addAttributes(kv("user.id", "42")));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource("svc")).addScopeLogs(scopeLogs))
        .build();
  }

  static ExportMetricsServiceRequest metrics(String name, long value) {
    Metric metric = Metric.newBuilder()
        .setName(name)
        .setUnit("1")
        .setSum(Sum.newBuilder()
            .setIsMonotonic(true)
            .addDataPoints(NumberDataPoint.newBuilder()
                .setAsInt(value)
                .addAttributes(kv("http.route", "/users/{id}"))))
        .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(resource("svc"))
            .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope("test-meter")).addMetrics(metric)))
        .build();
  }

  static HttpRequest.Builder post(OtlpReceiver receiver, String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(receiver.endpoint() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static HttpResponse<byte[]> postProtobuf(OtlpReceiver receiver, String path, byte[] body) {
    return send(post(receiver, path, body).build());
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
