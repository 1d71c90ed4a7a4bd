package io.scanium.telemetry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.Signal;
import io.scanium.telemetry.testsupport.FreePort;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #16's shutdown targets, with spans and log records still queued: {@code close()} returns within 1.5 s when
 * the collector refuses connections, and within the deadline ({@code SCANIUM_SHUTDOWN_TIMEOUT}, default 5 s) plus
 * 0.5 s when it accepts them and never answers. Both services run side by side under the same load.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShutdownUnderFaultTest {

  static final long REFUSED_LIMIT_MS = 1500;
  static final long HUNG_LIMIT_MS = 5000 + 500;
  static final int REQUESTS = 1000;

  private final FaultReport report = new FaultReport("shutdown");

  @Test
  void closeIsQuickWithARefusingCollectorAndKeepsTheDeadlineWithAHungOne() throws Exception {
    try (OtlpReceiver hung = OtlpReceiver.start();
        FaultChild refusing = FaultChild.start("refused", "http://127.0.0.1:" + FreePort.pick(), Map.of());
        FaultChild hanging = FaultChild.start("hung", hung.endpoint(), Map.of())) {
      hung.hang();
      CompletableFuture<LoadClient.Result> onRefusing = CompletableFuture.supplyAsync(() -> load(refusing));
      LoadClient.Result onHanging = load(hanging);
      LoadClient.Result refusingLoad = onRefusing.get();
      // The hung collector holds an export of each signal: the exporters are stuck, the queues are not empty.
      hung.awaitRequests(Signal.TRACES, 1, Duration.ofSeconds(30));
      hung.awaitRequests(Signal.LOGS, 1, Duration.ofSeconds(30));

      CompletableFuture<Long> refusedClose = CompletableFuture.supplyAsync(() -> close(refusing));
      long hungMs = close(hanging);
      long refusedMs = refusedClose.get();
      report.note("close() with a refusing collector, ms", refusedMs);
      report.note("close() with a hung collector (deadline 5000 ms), ms", hungMs);
      report.write();
      System.out.println("Shutdown under fault:\n" + report.table());

      assertThat(refusingLoad.errors() + onHanging.errors()).as("request errors: %s %s", refusingLoad.someErrors(),
          onHanging.someErrors()).isZero();
      assertThat(refusedMs).as("close() with a refusing collector, ms; stderr:%n%s", refusing.output())
          .isLessThanOrEqualTo(REFUSED_LIMIT_MS);
      assertThat(hungMs).as("close() with a hung collector, ms; stderr:%n%s", hanging.output())
          .isLessThanOrEqualTo(HUNG_LIMIT_MS);
    }
  }

  private static LoadClient.Result load(FaultChild child) {
    try {
      return LoadClient.run(child.port, FaultSuiteTest.THREADS, 0, REQUESTS, FaultSuiteTest::request,
          status -> status == 200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long close(FaultChild child) {
    try {
      return child.closeTelemetry();
    } catch (Exception e) {
      throw new IllegalStateException(child.name + ": close failed", e);
    }
  }
}
