package io.scanium.telemetry.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.PrometheusServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor against a real deployment: a service, its collector, a real Prometheus scraping it (every check
 * passes), and a second Prometheus whose only scrape target is a port where nothing listens (the wrong target is
 * named with its error).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorTest {

  private DeployedService deployed;
  private PrometheusServer wrongTarget;
  private int deadPort;

  /** What one run printed and returned. */
  record Run(int status, String output) {}

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    Path binary = PrometheusServer.require();
    deployed = DeployedService.start(binary, tmp);
    deadPort = FreePort.pick();
    wrongTarget = PrometheusServer.start(binary, Map.of("shop", deadPort),
        Files.createDirectories(tmp.resolve("wrong")));
    wrongTarget.awaitQuery("up == 0", r -> r.size() == 1, Duration.ofSeconds(60));
  }

  @AfterAll
  void stop() {
    if (wrongTarget != null) {
      wrongTarget.close();
    }
    if (deployed != null) {
      deployed.close();
    }
  }

  static Run doctor(Map<String, String> environment, List<String> args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Doctor.run(args.toArray(String[]::new), environment, Map.of(),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCheckPassesAgainstAHealthyDeployment() {
    Run run = doctor(deployed.environment, deployed.arguments());

    assertThat(run.output()).as("doctor output").doesNotContain("FAIL").doesNotContain("SKIP")
        .contains("PASS configuration: service_name=\"" + DeployedService.SERVICE + "\"")
        .contains("PASS scrape: " + deployed.scrapeUrl() + " answers HTTP 200 and carries scanium_telemetry_info")
        .contains("PASS collector traces: " + deployed.collector.endpoint() + "/v1/traces")
        .contains("PASS collector logs: " + deployed.collector.endpoint() + "/v1/logs")
        .contains("PASS prometheus up: up{job=\"" + DeployedService.SERVICE + "\"")
        .contains("PASS prometheus scanium_telemetry_info")
        .contains("PASS prometheus scanium_http_requests_total")
        .contains("Result: PASS (7 passed)");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isZero();
  }

  @Test
  void aWrongScrapeTargetIsNamedWithItsError() {
    List<String> args = new ArrayList<>(List.of("doctor", "--scrape-url", deployed.scrapeUrl(),
        "--prometheus-url", wrongTarget.uri().toString()));
    Run run = doctor(deployed.environment, args);

    assertThat(run.output()).as("doctor output")
        .contains("FAIL prometheus up: no scrape target of service_name=\"" + DeployedService.SERVICE + "\"")
        .contains("targets down: job=shop http://127.0.0.1:" + deadPort + "/metrics (down: ")
        .contains("connection refused")
        .contains("fix: mend the target that should be this service")
        .contains("From here the scrape endpoint answers at " + deployed.scrapeUrl())
        .contains("FAIL prometheus scanium_telemetry_info: no series scanium_telemetry_info{service_name=\""
            + DeployedService.SERVICE + "\"}")
        .contains("FAIL prometheus scanium_http_requests_total")
        .contains("PASS scrape")
        .contains("Result: FAIL (3 of 7 checks failed)");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isEqualTo(Doctor.FAILED);
  }

  @Test
  void aRefusedCollectorFailsThatSignalNamingItsUrl() {
    Map<String, String> env = new LinkedHashMap<>(deployed.environment);
    String dead = "http://127.0.0.1:" + FreePort.pick();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", dead);
    Run run = doctor(env, deployed.arguments());

    assertThat(run.output()).as("doctor output")
        .contains("FAIL collector traces: " + dead + "/v1/traces: REFUSED")
        .contains("FAIL collector logs: " + dead + "/v1/logs: REFUSED")
        .contains("fix: nothing listens there")
        .contains("PASS prometheus up");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isEqualTo(Doctor.FAILED);
  }

  @Test
  void aDeadScrapeUrlAndAQueryUrlWithoutSchemeFail() {
    String dead = "http://127.0.0.1:" + FreePort.pick() + "/metrics";
    Run run = doctor(deployed.environment, List.of("doctor", "--scrape-url", dead));

    assertThat(run.output()).as("doctor output")
        .contains("FAIL scrape: connection to " + dead + " refused")
        .contains("SKIP prometheus: no query URL");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isEqualTo(Doctor.FAILED);

    run = doctor(deployed.environment, List.of("doctor", "--scrape-url", deployed.scrapeUrl(), "--prometheus-url",
        "prometheus:9090"));
    assertThat(run.output()).as("doctor output")
        .contains("FAIL prometheus: cannot query prometheus:9090: prometheus:9090/api/v1/query?query=")
        .contains("is not an http:// or https:// URL with a host");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isEqualTo(Doctor.FAILED);
  }

  @Test
  void noSecretIsPrinted() {
    Map<String, String> env = new LinkedHashMap<>(deployed.environment);
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer collector-s3cret");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT",
        deployed.collector.endpoint().replace("http://", "http://otlp:otlp-s3cret@"));
    String prometheus = deployed.prometheus.uri().toString().replace("http://", "http://doctor:prom-s3cret@");
    Run run = doctor(env, List.of("doctor", "--scrape-url", deployed.scrapeUrl(), "--prometheus-url", prometheus,
        "--prometheus-header", "X-Scope-OrgID=tenant"));

    assertThat(run.output()).as("doctor output").doesNotContain("s3cret").contains("http://****@127.0.0.1");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isZero();
  }

  @Test
  void invalidConfigurationFailsWithTheProblem() {
    Map<String, String> env = new LinkedHashMap<>(deployed.environment);
    env.remove("OTEL_SERVICE_NAME");
    Run run = doctor(env, deployed.arguments());

    assertThat(run.output()).as("doctor output").contains("FAIL configuration")
        .contains("SKIP collector: the configuration is not valid")
        .contains("SKIP prometheus: no service name");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isEqualTo(Doctor.FAILED);

    // A typo refuses the configuration; the service name as given still finds the scrape and the series.
    env = new LinkedHashMap<>(deployed.environment);
    env.put("SCANIUM_METRICS_PROT", "9464");
    run = doctor(env, deployed.arguments());
    assertThat(run.output()).as("doctor output").contains("FAIL configuration").contains("SCANIUM_METRICS_PROT")
        .contains("PASS scrape").contains("PASS prometheus up").contains("PASS prometheus scanium_http_requests_total");
    assertThat(run.status()).as("exit status; output:\n" + run.output()).isEqualTo(Doctor.FAILED);
  }

  @Test
  void aUsageErrorExitsWithTwoAndHelpWithZero() {
    Run run = doctor(Map.of(), List.of("doctor", "--no-such-flag", "x"));

    assertThat(run.output()).as("doctor output").contains("unknown argument: --no-such-flag").contains("Usage:");
    assertThat(run.status()).as("exit status").isEqualTo(Doctor.USAGE);
    Run help = doctor(Map.of(), List.of("doctor", "--help"));
    assertThat(help.output()).as("--help output").contains("--prometheus-url URL").doesNotContain("PASS");
    assertThat(help.status()).as("--help exit status").isZero();
  }
}
