package io.scanium.telemetry.receiver;

import static io.scanium.telemetry.receiver.Requests.PARENT_ID;
import static io.scanium.telemetry.receiver.Requests.SPAN_ID;
import static io.scanium.telemetry.receiver.Requests.TRACE_ID;
import static io.scanium.telemetry.receiver.Requests.gzip;
import static io.scanium.telemetry.receiver.Requests.post;
import static io.scanium.telemetry.receiver.Requests.postProtobuf;
import static io.scanium.telemetry.receiver.Requests.send;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpReceiverHttpTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

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
  void listensOnLoopbackAndNamesItsEndpoint() {
    assertThat(receiver.port()).isPositive();
    assertThat(receiver.endpoint()).isEqualTo("http://127.0.0.1:" + receiver.port());
    assertThat(receiver.endpoint(Signal.TRACES)).isEqualTo(receiver.endpoint() + "/v1/traces");
    assertThat(receiver.endpoint(Signal.METRICS)).endsWith("/v1/metrics");
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void decodesTraces(boolean gzip) throws Exception {
    byte[] body = Requests.traces("GET /users", "SELECT users").toByteArray();
    HttpRequest.Builder request = post(receiver, "/v1/traces", gzip ? gzip(body) : body);
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }

    HttpResponse<byte[]> response = send(request.build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    List<ReceivedSpan> spans = receiver.spans();
    assertThat(spans).extracting(ReceivedSpan::name).containsExactly("GET /users", "SELECT users");
    ReceivedSpan span = spans.get(0);
    assertThat(span.traceIdHex()).isEqualTo(TRACE_ID);
    assertThat(span.spanIdHex()).isEqualTo(SPAN_ID);
    assertThat(span.parentSpanIdHex()).isEqualTo(PARENT_ID);
    assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.attribute("http.request.method")).isEqualTo("GET");
    assertThat(span.attribute("http.response.status_code")).isEqualTo("200");
    assertThat(span.attribute("tags")).isEqualTo("[a, true]");
    assertThat(span.attribute("missing")).isNull();
    assertThat(span.resourceAttribute("service.name")).isEqualTo("svc");
    assertThat(span.scopeName()).isEqualTo("test-tracer");
    assertThat(span.toString()).contains("GET /users", TRACE_ID);
    assertThat(receiver.traceRequests()).hasSize(1);
    assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(1);
    assertThat(receiver.requestCount(Signal.LOGS)).isZero();
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void decodesLogs(boolean gzip) throws Exception {
    byte[] body = Requests.logs("payment declined").toByteArray();
    HttpRequest.Builder request = post(receiver, "/v1/logs", gzip ? gzip(body) : body);
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }

    HttpResponse<byte[]> response = send(request.build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ExportLogsServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    assertThat(receiver.logs()).singleElement().satisfies(log -> {
      assertThat(log.body()).isEqualTo("payment declined");
      assertThat(log.severityText()).isEqualTo("WARN");
      assertThat(log.severityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
      assertThat(log.traceIdHex()).isEqualTo(TRACE_ID);
      assertThat(log.spanIdHex()).isEqualTo(SPAN_ID);
      assertThat(log.attribute("user.id")).isEqualTo("42");
      assertThat(log.resourceAttribute("service.name")).isEqualTo("svc");
      assertThat(log.scopeName()).isEqualTo("com.example.Logger");
    });
    assertThat(receiver.logRequests()).hasSize(1);
    assertThat(receiver.requestCount(Signal.LOGS)).isEqualTo(1);
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void decodesMetrics(boolean gzip) throws Exception {
    byte[] body = Requests.metrics("http.server.requests", 7).toByteArray();
    HttpRequest.Builder request = post(receiver, "/v1/metrics", gzip ? gzip(body) : body);
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }

    HttpResponse<byte[]> response = send(request.build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ExportMetricsServiceResponse.parseFrom(response.body()).hasPartialSuccess()).isFalse();
    assertThat(receiver.metrics()).singleElement().satisfies(metric -> {
      assertThat(metric.name()).isEqualTo("http.server.requests");
      assertThat(metric.type()).isEqualTo(Metric.DataCase.SUM);
      assertThat(metric.dataPointCount()).isEqualTo(1);
      assertThat(metric.metric().getSum().getDataPoints(0).getAsInt()).isEqualTo(7);
      assertThat(OtlpReceiver.attribute(metric.metric().getSum().getDataPoints(0).getAttributesList(),
          "http.route")).isEqualTo("/users/{id}");
      assertThat(metric.resourceAttribute("service.name")).isEqualTo("svc");
      assertThat(metric.scopeName()).isEqualTo("test-meter");
    });
    assertThat(receiver.metricRequests()).hasSize(1);
    assertThat(receiver.requestCount(Signal.METRICS)).isEqualTo(1);
  }

  @Test
  void acceptsContentTypeWithParameters() {
    HttpResponse<byte[]> response = send(post(receiver, "/v1/traces", Requests.traces("a").toByteArray())
        .setHeader("Content-Type", "application/x-protobuf; charset=binary")
        .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(receiver.spans()).hasSize(1);
  }

  @Test
  void answers400ToAnUndecodableBodyAndCountsIt() {
    HttpResponse<byte[]> response = postProtobuf(receiver, "/v1/traces", "not a protobuf".getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(OtlpReceiver.statusMessage(response.body()))
        .contains("/v1/traces", "ExportTraceServiceRequest");
    assertThat(receiver.badRequestCount()).isEqualTo(1);
    assertThat(receiver.badRequests()).singleElement().asString().startsWith("400 ");
    assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(1);
    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void answers400ToABrokenGzipBody() {
    HttpResponse<byte[]> response = send(post(receiver, "/v1/logs", Requests.logs("x").toByteArray())
        .header("Content-Encoding", "gzip")
        .build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(OtlpReceiver.statusMessage(response.body())).contains("gzip");
    assertThat(receiver.badRequestCount()).isEqualTo(1);
  }

  @Test
  void answers404ToAnUnknownPath() {
    HttpResponse<byte[]> response = postProtobuf(receiver, "/v1/profiles", new byte[0]);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(OtlpReceiver.statusMessage(response.body())).contains("/v1/profiles");
    assertThat(receiver.requestCount(Signal.TRACES)).isZero();
  }

  @Test
  void answers405ToGet() {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(receiver.endpoint(Signal.TRACES)))
        .timeout(WAIT)
        .GET()
        .build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(OtlpReceiver.statusMessage(response.body())).contains("GET");
  }

  @Test
  void answers415ToJsonWithAClearMessage() {
    HttpResponse<byte[]> response = send(post(receiver, "/v1/traces", "{}".getBytes(UTF_8))
        .setHeader("Content-Type", "application/json")
        .build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(OtlpReceiver.statusMessage(response.body())).contains("OTLP/JSON", "application/x-protobuf");
    assertThat(receiver.badRequestCount()).isEqualTo(1);
  }

  @Test
  void answers415ToAnUnknownContentType() {
    HttpResponse<byte[]> response = send(post(receiver, "/v1/traces", Requests.traces("a").toByteArray())
        .setHeader("Content-Type", "text/plain")
        .build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(OtlpReceiver.statusMessage(response.body())).contains("text/plain");
  }

  @Test
  void resetForgetsDataAndCounters() {
    postProtobuf(receiver, "/v1/traces", Requests.traces("a").toByteArray());
    postProtobuf(receiver, "/v1/logs", "garbage".getBytes(UTF_8));

    receiver.reset();

    assertThat(receiver.spans()).isEmpty();
    assertThat(receiver.traceRequests()).isEmpty();
    assertThat(receiver.requestCount(Signal.TRACES)).isZero();
    assertThat(receiver.requestCount(Signal.LOGS)).isZero();
    assertThat(receiver.badRequestCount()).isZero();
    assertThat(receiver.badRequests()).isEmpty();
  }

  @Test
  void keepsEveryRequestFromConcurrentClients() {
    int clients = 8;
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      responses.add(Requests.CLIENT.sendAsync(
          post(receiver, "/v1/traces", Requests.traces("span-" + i).toByteArray()).build(),
          HttpResponse.BodyHandlers.ofByteArray()));
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
    assertThat(receiver.awaitSpans(s -> s.name().startsWith("span-"), clients, WAIT)).hasSize(clients);
    assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(clients);
  }
}
