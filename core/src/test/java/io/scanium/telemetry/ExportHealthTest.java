package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Tracer;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A collector that is down or failing: the process keeps serving, failures are counted and said, rate-limited. */
class ExportHealthTest {

  private static Map<String, String> env(String endpoint) {
    Map<String, String> m = new HashMap<>();
    m.put("OTEL_SERVICE_NAME", "health-test");
    m.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    m.put("OTEL_BSP_SCHEDULE_DELAY", "20");
    m.put("OTEL_BLRP_SCHEDULE_DELAY", "20");
    m.put("OTEL_EXPORTER_OTLP_TIMEOUT", "2000");
    m.put("SCANIUM_METRICS_PORT", "off");
    m.put("SCANIUM_SHUTDOWN_TIMEOUT", "2s");
    return m;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Ends one span at a time and waits until its export has failed, {@code batches} times. */
  private static void failExports(ScaniumTelemetry t, int batches) throws InterruptedException {
    Tracer tracer = t.openTelemetry().getTracer("test");
    for (int batch = 0; batch < batches; batch++) {
      tracer.spanBuilder("lost-" + batch).startSpan().end();
      int expected = batch + 1;
      await("failed export " + expected, () -> series(t, "scanium_telemetry_export_failed_total", "traces")
          >= expected);
    }
  }

  private static double series(ScaniumTelemetry t, String name, String signal) {
    return Scrape.of(t.registry()).value(name, Map.of("signal", signal));
  }

  @Test
  void refusedConnectionsAreCountedAndSaidOnceWithTheUrl() throws Exception {
    String endpoint = "http://127.0.0.1:" + FreePort.pick();
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env(endpoint)).shutdownHook(false).build()) {
      failExports(t, 3);
      assertThat(series(t, "scanium_telemetry_export_failures_total", "traces")).isGreaterThanOrEqualTo(3);
      assertThat(series(t, "scanium_telemetry_export_up", "traces")).isZero();
      assertThat(series(t, "scanium_telemetry_exported_total", "traces")).isZero();
      String text = err.text();
      assertThat(text).contains("[scanium-telemetry] WARN Could not export 1 spans to " + endpoint + "/v1/traces:"
          + " connection refused");
      assertThat(text).contains("is the collector running and reachable from here?");
      assertThat(text.split("Could not export", -1)).as("rate-limited to one message per interval:\n%s", text)
          .hasSize(2);
    }
  }

  @Test
  void anOutageIsAFewLinesNotStackTraces() throws Exception {
    String endpoint = "http://127.0.0.1:" + FreePort.pick();
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env(endpoint)).shutdownHook(false).build()) {
      failExports(t, 5);
      // Another test's SDK, closed early against its refusing collector, may still be retrying: not this one's.
      String outage = err.text().replace(t.startupReport(), "").lines()
          .filter(l -> !l.contains("Could not export") || l.contains(endpoint)).collect(Collectors.joining("\n"));
      assertThat(outage).as("stderr during 5 failed exports: java.util.logging's own format, stack traces")
          .doesNotContain("SEVERE:").doesNotContain("\tat ");
      assertThat(outage.lines().filter(l -> !l.isBlank()).count()).as("stderr lines during 5 failed exports:\n%s",
          outage).isLessThanOrEqualTo(4);
      assertThat(outage).contains("OpenTelemetry SDK (SEVERE, io.opentelemetry.exporter");
    }
  }

  @Test
  void credentialsInTheEndpointAppearNowhereInTheOutput() throws Exception {
    int port = FreePort.pick();
    String text;
    String report;
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env("http://user:t0psecret@127.0.0.1:" + port))
            .shutdownHook(false).build()) {
      t.openTelemetry().getTracer("test").spanBuilder("lost").startSpan().end();
      // The warning is printed just after the series counts the failure: wait for the warning itself.
      await("export failure warning", () -> err.text().contains("Could not export"));
      report = t.startupReport();
      text = err.text();
    }
    assertThat(report).contains("http://****@127.0.0.1:" + port + "/v1/traces");
    assertThat(text).contains("Could not export 1 spans to http://****@127.0.0.1:" + port + "/v1/traces");
    assertThat(report + text).as("startup report and stderr").doesNotContain("t0psecret");
  }

  @Test
  void collectorAnswering503IsCountedWithTheStatus() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env(receiver.endpoint())).shutdownHook(false)
            .build()) {
      receiver.respondWith(503);
      t.openTelemetry().getTracer("test").spanBuilder("rejected").startSpan().end();
      await("failed export", () -> series(t, "scanium_telemetry_export_failed_total", "traces") >= 1);
      assertThat(err.text()).contains("to " + receiver.endpoint() + "/v1/traces: the collector answered HTTP 503"
          + " (the collector is overloaded or failing)");

      receiver.respondNormally();
      t.openTelemetry().getTracer("test").spanBuilder("accepted").startSpan().end();
      await("successful export", () -> series(t, "scanium_telemetry_exported_total", "traces") >= 1);
      assertThat(series(t, "scanium_telemetry_export_up", "traces")).isEqualTo(1);
      receiver.awaitSpan(s -> s.name().equals("accepted"), Duration.ofSeconds(10));
      assertThat(err.text()).contains("traces export to " + receiver.endpoint() + "/v1/traces recovered.");
    }
  }

  @Test
  void notFoundNamesTheLikelyCause() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env(receiver.endpoint())).shutdownHook(false)
            .build()) {
      receiver.respondWith(404);
      t.openTelemetry().getTracer("test").spanBuilder("nowhere").startSpan().end();
      await("failed export", () -> series(t, "scanium_telemetry_export_failed_total", "traces") >= 1);
      assertThat(err.text()).contains("the collector answered HTTP 404 (is this the OTLP/HTTP port, and does the"
          + " collector have a pipeline for this signal?)");
    }
  }

  @Test
  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  void fullQueueDropsAreCountedAndTheCallerNeverBlocks() throws Exception {
    Map<String, String> e = env("http://127.0.0.1:" + FreePort.pick());
    e.put("OTEL_BSP_MAX_QUEUE_SIZE", "16");
    e.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "8");
    e.put("OTEL_BSP_SCHEDULE_DELAY", "60000");
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(e).shutdownHook(false).build()) {
      Tracer tracer = t.openTelemetry().getTracer("test");
      for (int i = 0; i < 10_000; i++) {
        tracer.spanBuilder("burst").startSpan().end();
      }
      assertThat(t.droppedCount("traces")).isGreaterThan(9_000);
      assertThat(series(t, "scanium_telemetry_dropped_total", "traces")).isGreaterThan(9_000);
    }
  }
}
