package io.scanium.telemetry.examples.proof;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demo's proof, run as a user runs it, against each example service as a child process. */
class TelemetryProofTest {

  /** The shaded jar of an example, built by its module before this one (the reactor orders them). */
  static Path jar(String example) {
    Path jar = Path.of("..", example, "target", example + ".jar").toAbsolutePath().normalize();
    assertThat(jar).as("the " + example + " example's jar; build the examples reactor (mvn install in examples/)")
        .isRegularFile();
    return jar;
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain-jdk", "servlet-jetty", "vertx-web"})
  void everySignalPassesForEachExample(String example) throws Exception {
    Run run = proof("--example", example, "--jar", jar(example).toString());

    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output)
        .contains("TRAFFIC  PASS  30 requests")
        .contains("METRICS  PASS")
        .containsPattern("GET +/v1/items/\\{id} +404 +3 +3  ok")
        .containsPattern("GET +__unmatched__ +404 +3 +3  ok")
        .containsPattern("POST +/v1/classify +200 +6 +6  ok")
        .contains("TRACES   PASS  30 of 30 requests have their SERVER span")
        .containsPattern("GET /v1/fail +3  500x3")
        .containsPattern("GET /v1/items/\\{id} +9  200x6 404x3")
        .contains("LOGS     PASS")
        .containsPattern("\"classified item\" +6/6  category: books x3, electronics x3")
        .containsPattern("\"classification backend failed\" +3/3  exception.type: java.lang.IllegalStateException x3")
        .contains("RESULT   PASS  metrics PASS, traces PASS, logs PASS");
  }

  @Test
  void aCollectorOfYourOwnIsProvenByTheExportHealthSeries() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      Run run = proof("--jar", jar("plain-jdk").toString(), "--otlp-endpoint", collector.endpoint(), "--rounds", "2");

      assertThat(run.exitCode).as(run.output).isZero();
      assertThat(run.output)
          .contains("(your collector)")
          .contains("TRACES   PASS  sent: ")
          .contains("spans accepted by " + collector.endpoint())
          .contains("LOGS     PASS  sent: ")
          .contains("look one up in your tracing backend (Tempo): trace id ");
      // What the proof says was accepted really arrived.
      assertThat(collector.spans()).hasSizeGreaterThanOrEqualTo(20);
    }
  }

  @Test
  void anUnreachableCollectorFailsTheProof() throws Exception {
    int closed = ExampleService.freePort();
    Run run = proof("--jar", jar("plain-jdk").toString(), "--otlp-endpoint", "http://127.0.0.1:" + closed,
        "--rounds", "1", "--timeout", "20");

    assertThat(run.exitCode).as(run.output).isEqualTo(1);
    assertThat(run.output)
        .contains("METRICS  PASS")
        .contains("TRACES   FAIL")
        .contains("spans failed to export to http://127.0.0.1:" + closed)
        .contains("RESULT   FAIL");
  }

  @Test
  void aRunningServiceCanBeProvenWithoutStartingOne() throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      int port = ExampleService.freePort();
      int metricsPort = ExampleService.freePort();
      Path log = Files.createTempFile("proof-running-service", ".log");
      ExampleService service = ExampleService.start(jar("plain-jdk"), java.util.Map.of(
          "PORT", Integer.toString(port), "HOST", "127.0.0.1",
          "SCANIUM_METRICS_PORT", Integer.toString(metricsPort), "SCANIUM_METRICS_HOST", "127.0.0.1",
          "OTEL_SERVICE_NAME", "already-running", "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
          "OTEL_BSP_SCHEDULE_DELAY", "500", "OTEL_BLRP_SCHEDULE_DELAY", "500"), log);
      try {
        assertThat(service.awaitPort(port, java.time.Duration.ofSeconds(60))).isNull();
        Run run = proof("--service-url", "http://127.0.0.1:" + port, "--scrape-url",
            "http://127.0.0.1:" + metricsPort + "/metrics", "--rounds", "1");

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output)
            .contains("(running; not started by the proof)")
            .contains("service_name=\"already-running\"")
            .contains("service.name=\"already-running\"")
            .contains("METRICS  PASS")
            .contains("TRACES   PASS  sent: ");
      } finally {
        service.stop(java.time.Duration.ofSeconds(10));
        service.close();
      }
    }
  }

  @Test
  void aWrongOptionIsAUsageError() throws Exception {
    Run run = proof("--example", "spring-boot");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.output).contains("--example must be one of [plain-jdk, servlet-jetty, vertx-web]")
        .contains("Usage: examples/demo.sh [options]");
  }

  @Test
  void demoHelpPrintsTheProofsUsageWithoutBuilding() throws Exception {
    Path script = Path.of("..", "demo.sh").toAbsolutePath().normalize();
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--help")
        .redirectErrorStream(true);
    // A Maven that cannot start: a demo.sh that still builds before answering fails here instead of running a
    // multi-minute install of the whole reactor.
    builder.environment().put("MAVEN_OPTS", "-XX:+ScaniumNoSuchJvmOption");
    builder.environment().remove("SKIP_BUILD");
    Process process = builder.start();
    process.getOutputStream().close();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo.sh --help ended").isTrue();

    assertThat(process.exitValue()).as("demo.sh --help exit code; output:%n%s", output).isZero();
    assertThat(output).as("demo.sh --help prints exactly the proof's usage, and builds nothing")
        .isEqualTo(Options.USAGE + "\n");
  }

  record Run(int exitCode, String output) {}

  static Run proof(String... args) throws InterruptedException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    List<String> list = new ArrayList<>(List.of(args));
    int code = TelemetryProof.run(list.toArray(new String[0]), out);
    String output = buffer.toString(StandardCharsets.UTF_8);
    // Surefire keeps this in the test's output file: the proof's report is the best diagnosis of a failure.
    System.out.println(output);
    return new Run(code, output);
  }
}
