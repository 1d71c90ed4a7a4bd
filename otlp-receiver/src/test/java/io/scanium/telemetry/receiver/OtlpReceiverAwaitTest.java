package io.scanium.telemetry.receiver;

import static io.scanium.telemetry.receiver.Requests.TRACE_ID;
import static io.scanium.telemetry.receiver.Requests.postProtobuf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OtlpReceiverAwaitTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration SHORT = Duration.ofMillis(200);

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
  void returnsOnceDataPostedFromAnotherThreadArrives() {
    CompletableFuture<Void> exporter = CompletableFuture.runAsync(() -> {
      postProtobuf(receiver, "/v1/traces", Requests.traces("first").toByteArray());
      postProtobuf(receiver, "/v1/traces", Requests.traces("second").toByteArray());
    });

    List<ReceivedSpan> spans = receiver.awaitSpans(s -> true, 2, WAIT);

    assertThat(spans).extracting(ReceivedSpan::name).containsExactly("first", "second");
    exporter.join();
  }

  @Test
  void singularAwaitReturnsTheFirstMatch() {
    postProtobuf(receiver, "/v1/traces", Requests.traces("a", "b").toByteArray());
    postProtobuf(receiver, "/v1/logs", Requests.logs("hello").toByteArray());
    postProtobuf(receiver, "/v1/metrics", Requests.metrics("jobs", 3).toByteArray());

    assertThat(receiver.awaitSpan(ReceivedSpan.named("b"), WAIT).name()).isEqualTo("b");
    assertThat(receiver.awaitSpan(ReceivedSpan.inTrace(TRACE_ID), WAIT).name()).isEqualTo("a");
    assertThat(receiver.awaitLog(ReceivedLog.withBody("hello"), WAIT).severityText()).isEqualTo("WARN");
    assertThat(receiver.awaitMetric(ReceivedMetric.named("jobs"), WAIT).dataPointCount()).isEqualTo(1);
  }

  @Test
  void spanTimeoutNamesWhatWasExpectedAndWhatWasReceived() {
    postProtobuf(receiver, "/v1/traces", Requests.traces("GET /a").toByteArray());

    assertThatThrownBy(() -> receiver.awaitSpans(ReceivedSpan.named("GET /b"), 1, SHORT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected at least 1 span(s) matching span named 'GET /b'")
        .hasMessageContaining("0 matched")
        .hasMessageContaining("Received 1 span(s)")
        .hasMessageContaining("span 'GET /a' trace=" + TRACE_ID)
        .hasMessageContaining("/v1/traces=1");
  }

  @Test
  void timeoutWithALambdaSaysSoAndCapsTheListing() {
    String[] names = new String[25];
    for (int i = 0; i < names.length; i++) {
      names[i] = "span-" + i;
    }
    postProtobuf(receiver, "/v1/traces", Requests.traces(names).toByteArray());

    assertThatThrownBy(() -> receiver.awaitSpans(s -> false, 1, SHORT))
        .hasMessageContaining("matching the given predicate")
        .hasMessageContaining("Received 25 span(s)")
        .hasMessageContaining("span 'span-19'")
        .hasMessageNotContaining("span 'span-20'")
        .hasMessageContaining("... and 5 more");
  }

  @Test
  void timeoutCountsPartialMatches() {
    postProtobuf(receiver, "/v1/traces", Requests.traces("x").toByteArray());

    assertThatThrownBy(() -> receiver.awaitSpans(ReceivedSpan.named("x"), 2, SHORT))
        .hasMessageContaining("Expected at least 2 span(s)")
        .hasMessageContaining("but 1 matched");
  }

  @Test
  void logAndMetricTimeoutsListWhatWasReceived() {
    postProtobuf(receiver, "/v1/logs", Requests.logs("disk full").toByteArray());
    postProtobuf(receiver, "/v1/metrics", Requests.metrics("queue.depth", 1).toByteArray());

    assertThatThrownBy(() -> receiver.awaitLogs(ReceivedLog.withBody("disk ok"), 1, SHORT))
        .hasMessageContaining("log with body 'disk ok'")
        .hasMessageContaining("log WARN 'disk full' trace=" + TRACE_ID);
    assertThatThrownBy(() -> receiver.awaitMetrics(ReceivedMetric.named("queue.size"), 1, SHORT))
        .hasMessageContaining("metric named 'queue.size'")
        .hasMessageContaining("metric 'queue.depth' SUM");
  }

  @Test
  void timeoutWithNothingReceivedShowsBadRequestsAndMode() {
    postProtobuf(receiver, "/v1/logs", "garbage!".getBytes(UTF_8));
    receiver.respondWith(503);

    assertThatThrownBy(() -> receiver.awaitLogs(l -> true, 1, SHORT))
        .hasMessageContaining("Received 0 log record(s).")
        .hasMessageContaining("bad requests=1 (last: 400 ")
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void awaitRequestsCountsFailedExports() {
    receiver.respondWith(503);
    CompletableFuture.runAsync(
        () -> postProtobuf(receiver, "/v1/metrics", Requests.metrics("m", 1).toByteArray()));

    assertThat(receiver.awaitRequests(Signal.METRICS, 1, WAIT)).isEqualTo(1);
    assertThatThrownBy(() -> receiver.awaitRequests(Signal.METRICS, 2, SHORT))
        .hasMessageContaining("Expected at least 2 request(s) to /v1/metrics")
        .hasMessageContaining("but 1 arrived");
  }

  @Test
  void describedPredicatesKeepTheirDescriptionWhenCombined() {
    Predicate<ReceivedSpan> combined = ReceivedSpan.named("a")
        .and(OtlpReceiver.matching("with a route", s -> s.attribute("http.route") != null));

    assertThat(combined).hasToString("span named 'a' and with a route");
    assertThat(ReceivedSpan.named("a").negate()).hasToString("not span named 'a'");
    assertThatThrownBy(() -> receiver.awaitSpans(combined, 1, Duration.ZERO))
        .hasMessageContaining("matching span named 'a' and with a route");
  }

  @Test
  void rejectsMeaninglessArguments() {
    assertThatThrownBy(() -> receiver.awaitSpans(s -> true, 0, WAIT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> receiver.awaitLogs(l -> true, 1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hexAndValueHelpers() {
    assertThat(OtlpReceiver.hex(ByteString.fromHex(TRACE_ID))).isEqualTo(TRACE_ID);
    assertThat(OtlpReceiver.hex(ByteString.EMPTY)).isEmpty();
    assertThat(OtlpReceiver.stringValue(AnyValue.getDefaultInstance())).isNull();
    assertThat(OtlpReceiver.stringValue(
        AnyValue.newBuilder().setDoubleValue(1.5).build())).isEqualTo("1.5");
  }
}
