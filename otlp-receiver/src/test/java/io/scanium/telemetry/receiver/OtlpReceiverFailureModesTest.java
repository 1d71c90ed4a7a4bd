package io.scanium.telemetry.receiver;

import static io.scanium.telemetry.receiver.Requests.CLIENT;
import static io.scanium.telemetry.receiver.Requests.post;
import static io.scanium.telemetry.receiver.Requests.postProtobuf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class OtlpReceiverFailureModesTest {

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

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {503, 404, 429})
  void respondWithAnswersEveryExportWithTheStatusAndCountsIt(int status) {
    receiver.respondWith(status);

    HttpResponse<byte[]> traces = postProtobuf(receiver, "/v1/traces", Requests.traces("a").toByteArray());
    HttpResponse<byte[]> logs = postProtobuf(receiver, "/v1/logs", Requests.logs("b").toByteArray());

    assertThat(traces.statusCode()).isEqualTo(status);
    assertThat(logs.statusCode()).isEqualTo(status);
    assertThat(OtlpReceiver.statusMessage(traces.body())).contains(Integer.toString(status), "respondWith");
    assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(1);
    assertThat(receiver.requestCount(Signal.LOGS)).isEqualTo(1);
    assertThat(receiver.spans()).as("a failed export is not kept").isEmpty();
    assertThat(receiver.badRequestCount()).isZero();
  }

  @Test
  void respondNormallyRestoresSuccess() {
    receiver.respondWith(503);
    assertThat(postProtobuf(receiver, "/v1/traces", Requests.traces("lost").toByteArray()).statusCode())
        .isEqualTo(503);

    receiver.respondNormally();

    assertThat(postProtobuf(receiver, "/v1/traces", Requests.traces("kept").toByteArray()).statusCode())
        .isEqualTo(200);
    assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("kept");
    assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(2);
  }

  @Test
  void respondWithRejectsNonErrorStatuses() {
    assertThatThrownBy(() -> receiver.respondWith(200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> receiver.respondWith(600)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void respondWithRetryAfterSendsTheHeader() {
    receiver.respondWith(503, Duration.ofSeconds(7));

    HttpResponse<byte[]> traces = postProtobuf(receiver, "/v1/traces", Requests.traces("a").toByteArray());

    assertThat(traces.statusCode()).isEqualTo(503);
    assertThat(traces.headers().firstValue("Retry-After")).as("Retry-After header").hasValue("7");

    receiver.respondWith(429);
    HttpResponse<byte[]> again = postProtobuf(receiver, "/v1/traces", Requests.traces("b").toByteArray());
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(again.headers().firstValue("Retry-After")).as("Retry-After after respondWith(int)").isEmpty();
  }

  @Test
  void respondWithForOneSignalFailsOnlyThatSignal() {
    receiver.respondWith(Signal.LOGS, 404);

    assertThat(postProtobuf(receiver, "/v1/logs", Requests.logs("lost").toByteArray()).statusCode())
        .isEqualTo(404);
    assertThat(postProtobuf(receiver, "/v1/traces", Requests.traces("kept").toByteArray()).statusCode())
        .isEqualTo(200);
    assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("kept");
    assertThat(receiver.logs()).isEmpty();

    receiver.respondNormally();
    assertThat(postProtobuf(receiver, "/v1/logs", Requests.logs("back").toByteArray()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void answerAfterAnswersNormallyButLate() {
    receiver.answerAfter(Duration.ofMillis(400));

    long start = System.nanoTime();
    HttpResponse<byte[]> traces = postProtobuf(receiver, "/v1/traces", Requests.traces("late").toByteArray());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(traces.statusCode()).isEqualTo(200);
    assertThat(took).as("answer time").isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("late");
    assertThatThrownBy(() -> receiver.answerAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeEndsADelayedAnswerPromptly() throws Exception {
    receiver.answerAfter(Duration.ofMinutes(5));
    CompletableFuture<HttpResponse<byte[]>> late = CLIENT.sendAsync(
        post(receiver, "/v1/traces", Requests.traces("never").toByteArray()).timeout(Duration.ofMinutes(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    receiver.awaitRequests(Signal.TRACES, 1, WAIT);

    long start = System.nanoTime();
    receiver.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
  }

  @Test
  void aReceiverStartedLaterOnTheSamePortIsACollectorThatCameBack() {
    int port = receiver.port();
    receiver.close();
    assertThatThrownBy(() -> CLIENT.send(
            post(receiver, "/v1/traces", Requests.traces("refused").toByteArray()).build(),
            HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);

    receiver = OtlpReceiver.start(new java.net.InetSocketAddress("127.0.0.1", port));

    assertThat(postProtobuf(receiver, "/v1/traces", Requests.traces("back").toByteArray()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void hangLeavesTheClientWaitingUntilItsTimeoutAndCloseStillReturnsPromptly() throws Exception {
    receiver.hang();

    assertThatThrownBy(() -> CLIENT.send(
            post(receiver, "/v1/traces", Requests.traces("stuck").toByteArray())
                .timeout(Duration.ofMillis(500))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(receiver.requestCount(Signal.TRACES)).isEqualTo(1);
    assertThat(receiver.spans()).isEmpty();

    // A second request without a client timeout: only close() can end it.
    CompletableFuture<HttpResponse<byte[]>> held = CLIENT.sendAsync(
        post(receiver, "/v1/logs", Requests.logs("stuck").toByteArray()).timeout(Duration.ofMinutes(5)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    receiver.awaitRequests(Signal.LOGS, 1, WAIT);
    assertThat(held).isNotDone();

    long start = System.nanoTime();
    receiver.close();
    Duration closing = Duration.ofNanos(System.nanoTime() - start);

    assertThat(closing).isLessThan(Duration.ofSeconds(3));
    assertThatThrownBy(() -> held.get(5, TimeUnit.SECONDS))
        .as("the held request is dropped by close()")
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(Thread.getAllStackTraces().keySet())
        .as("handler threads are gone")
        .noneMatch(t -> t.getName().startsWith("otlp-receiver-" + receiver.port() + "-"));
  }

  @Test
  void respondNormallyAfterHangAnswersNewRequests() {
    receiver.hang();
    CompletableFuture<HttpResponse<byte[]>> held = CLIENT.sendAsync(
        post(receiver, "/v1/traces", Requests.traces("stuck").toByteArray()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    receiver.awaitRequests(Signal.TRACES, 1, WAIT);

    receiver.respondNormally();

    assertThat(postProtobuf(receiver, "/v1/traces", Requests.traces("fine").toByteArray()).statusCode())
        .isEqualTo(200);
    assertThat(receiver.spans()).extracting(ReceivedSpan::name).containsExactly("fine");
    assertThat(held).isNotDone();
  }

  @Test
  void closeIsIdempotentAndRefusesNewConnections() {
    receiver.close();
    receiver.close();

    assertThatThrownBy(() -> CLIENT.send(
            post(receiver, "/v1/traces", Requests.traces("late").toByteArray()).build(),
            HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void closeWakesWaitersWithAnAssertionError() {
    CompletableFuture<List<ReceivedSpan>> waiter = CompletableFuture.supplyAsync(
        () -> receiver.awaitSpans(ReceivedSpan.named("never"), 1, Duration.ofMinutes(1)));

    receiver.close();

    assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("closed")
        .hasMessageContaining("span named 'never'");
  }
}
