package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real entry point, in a real JVM, configured by real environment variables. */
class ChildJvmTest {

  /** Output and exit status of a finished child JVM. */
  record Result(int exitCode, String stdout, String stderr, long millis) {}

  static Result runChild(Map<String, String> env, Duration limit) throws Exception {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
        ChildMain.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("SCANIUM_"));
    pb.environment().putAll(env);
    File out = File.createTempFile("child", ".out");
    File err = File.createTempFile("child", ".err");
    pb.redirectOutput(out).redirectError(err);
    long start = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (!done) {
      p.destroyForcibly();
    }
    String stdout = java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8);
    String stderr = java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8);
    out.delete();
    err.delete();
    if (!done) {
      throw new AssertionError("child JVM did not exit within " + limit + "\nstdout:\n" + stdout + "\nstderr:\n"
          + stderr);
    }
    return new Result(p.exitValue(), stdout, stderr, millis);
  }

  @Test
  void noEndpointRefusesToStart() throws Exception {
    Result r = runChild(Map.of("OTEL_SERVICE_NAME", "child", "SCANIUM_METRICS_PORT", "off"), Duration.ofSeconds(60));
    assertThat(r.exitCode()).as("exit code; stderr:\n%s", r.stderr()).isNotZero();
    assertThat(r.stdout()).doesNotContain("CHILD STARTED");
    assertThat(r.stderr()).contains("TelemetryConfigurationException")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT = not set")
        .contains("Inside a container, localhost is the container itself");
  }

  @Test
  void withEndpointTheSpanAndLogArrive() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Result r = runChild(Map.of("OTEL_SERVICE_NAME", "child", "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "SCANIUM_METRICS_PORT", "off"), Duration.ofSeconds(60));
      assertThat(r.exitCode()).as("exit code; stderr:\n%s", r.stderr()).isZero();
      String traceId = r.stdout().replaceAll("(?s).*CHILD STARTED ([0-9a-f]{32}).*", "$1");
      ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("child-span"), Duration.ofSeconds(10));
      assertThat(span.traceIdHex()).isEqualTo(traceId);
      assertThat(span.resourceAttribute("service.name")).isEqualTo("child");
      ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody("child log"), Duration.ofSeconds(10));
      assertThat(log.traceIdHex()).isEqualTo(traceId);
      assertThat(r.stderr()).contains("[scanium-telemetry] Scanium Telemetry Bridge")
          .contains("POST " + receiver.endpoint() + "/v1/traces");
    }
  }

  @Test
  void shutdownHookNeverHangsTheExitWhenTheCollectorNeverAnswers() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.hang();
      Result r = runChild(Map.of("OTEL_SERVICE_NAME", "child", "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
          "OTEL_EXPORTER_OTLP_TIMEOUT", "120000", "SCANIUM_SHUTDOWN_TIMEOUT", "2s", "SCANIUM_METRICS_PORT", "off"),
          Duration.ofSeconds(60));
      assertThat(r.exitCode()).as("stderr:\n%s", r.stderr()).isZero();
      assertThat(r.stderr()).contains("spans and logs were not flushed within 2000 ms (SCANIUM_SHUTDOWN_TIMEOUT)");
      assertThat(r.millis()).as("exit took %d ms with a 2 s deadline and a 120 s exporter timeout", r.millis())
          .isLessThan(30_000);
    }
  }
}
