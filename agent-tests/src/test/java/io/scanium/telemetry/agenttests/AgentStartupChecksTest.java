package io.scanium.telemetry.agenttests;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.agentapps.JdkUsersApp;
import com.example.agentapps.Users;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.FreePort;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The startup checks and the report with the agent attached. They do not depend on the adapter, so they run once,
 * on the application that starts fastest (the JDK HttpServer's).
 */
class AgentStartupChecksTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final AppLaunch APP = AppLaunch.main(JdkUsersApp.class);

  private final OtlpReceiver receiver = OtlpReceiver.start();

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void localhostDefaultIsRefusedAsWithoutTheAgent() throws Exception {
    Map<String, String> environment = new LinkedHashMap<>(AgentTestEnvironment.quick(FreePort.pick()));
    environment.put("OTEL_SERVICE_NAME", "no-endpoint");
    environment.put("OTEL_METRICS_EXPORTER", "none");

    String withAgent = refusal(environment, true);
    String withoutAgent = refusal(environment, false);

    for (String output : new String[] {withoutAgent, withAgent}) {
      assertThat(output).as("refusal of the localhost default (OTEL_EXPORTER_OTLP_ENDPOINT not set)")
          .contains("Scanium telemetry is misconfigured").contains("OTEL_EXPORTER_OTLP_ENDPOINT");
    }
  }

  @Test
  void configurationOnlyInTheAgentsFileIsReportedAndUsed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("otel.properties"), String.join("\n",
        "otel.service.name=from-agent-file",
        "otel.exporter.otlp.endpoint=" + receiver.endpoint(),
        "otel.metrics.exporter=none",
        "otel.bsp.schedule.delay=" + AgentTestEnvironment.SCHEDULE_DELAY_MS,
        "otel.blrp.schedule.delay=" + AgentTestEnvironment.SCHEDULE_DELAY_MS, ""));
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("OTEL_JAVAAGENT_CONFIGURATION_FILE", file.toString());
    int metricsPort = FreePort.pick();
    environment.put("SCANIUM_METRICS_PORT", Integer.toString(metricsPort));
    environment.put("SCANIUM_METRICS_HOST", "127.0.0.1");

    try (RunningApp app = RunningApp.start(APP, true, environment)) {
      assertThat(app.awaitReportLine("service", WAIT)).as("report's service line (otel.service.name in %s)", file)
          .contains("from-agent-file");
      assertThat(app.awaitReportLine("traces", WAIT))
          .as("report's traces line (otel.exporter.otlp.endpoint in %s)", file).contains(receiver.endpoint());
      assertOk(app.get("/users/1", Map.of()));
      ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET " + Users.ROUTE), WAIT);
      assertThat(span.resourceAttribute("service.name")).as("service.name of %s", span).isEqualTo("from-agent-file");
    }
  }

  @Test
  void prometheusPortClashIsRefusedNamingBothVariables() throws Exception {
    int port = FreePort.pick();
    Map<String, String> environment = agentPrometheus(port, port);

    assertThat(refusal(environment, true)).as("refusal of the agent's Prometheus exporter on our scrape port %d", port)
        .contains("OTEL_EXPORTER_PROMETHEUS_PORT").contains("SCANIUM_METRICS_PORT");
  }

  @Test
  void prometheusClashOnTheDefaultPortsIsRefusedToo() throws Exception {
    // Neither port set: both default to 9464. The check must not depend on which of the two binds first.
    Map<String, String> environment = agentPrometheus(0, 0);
    environment.remove("SCANIUM_METRICS_PORT");
    environment.remove("OTEL_EXPORTER_PROMETHEUS_PORT");

    assertThat(refusal(environment, true)).as("refusal of the agent's Prometheus exporter on the default port 9464")
        .contains("OTEL_EXPORTER_PROMETHEUS_PORT").contains("SCANIUM_METRICS_PORT");
  }

  @Test
  void withDifferentPortsBothScrapesServe() throws Exception {
    int ours = FreePort.pick();
    int agents = FreePort.pick();
    while (agents == ours) {
      agents = FreePort.pick();
    }
    try (RunningApp app = RunningApp.start(APP, true, agentPrometheus(ours, agents))) {
      assertOk(app.get("/users/1", Map.of()));

      Map<String, String> labels = Map.of("route", Users.ROUTE, "status_code", "200");
      long deadline = System.nanoTime() + WAIT.toNanos();
      double count = app.scrape(ours).value("scanium_http_requests_total", labels);
      while (count < 1 && System.nanoTime() < deadline) {
        Thread.sleep(25);
        count = app.scrape(ours).value("scanium_http_requests_total", labels);
      }
      assertThat(count).as("scanium_http_requests_total%s on our scrape port %d", labels, ours).isEqualTo(1);
      HttpResponse<String> agentScrape = app.scrapeResponse(agents);
      assertThat(agentScrape.statusCode()).as("the agent's Prometheus exporter on port %d: %s", agents,
          agentScrape.body()).isEqualTo(200);
      assertThat(agentScrape.body()).as("the agent's Prometheus exposition on port %d", agents)
          .contains("target_info");
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** The agent exporting metrics on its own Prometheus port, ours on {@code ours}, both on loopback. */
  private Map<String, String> agentPrometheus(int ours, int agents) {
    Map<String, String> environment = new LinkedHashMap<>(
        AgentTestEnvironment.exportingTo(receiver.endpoint(), "prometheus-ports", ours));
    environment.put("OTEL_METRICS_EXPORTER", "prometheus");
    environment.put("OTEL_EXPORTER_PROMETHEUS_HOST", "127.0.0.1");
    environment.put("OTEL_EXPORTER_PROMETHEUS_PORT", Integer.toString(agents));
    return environment;
  }

  /** Starts the application, expects it to refuse to start (exit non-zero, never ready); its output. */
  private static String refusal(Map<String, String> environment, boolean agent) throws Exception {
    try (RunningApp app = RunningApp.launch(APP, agent, environment)) {
      int status = app.awaitExit(WAIT);
      String output = app.output();
      assertThat(status).as("exit status of %s %s the agent, refusing to start; it wrote:\n%s", app.name(),
          agent ? "with" : "without", output).isNotZero();
      assertThat(output).as("%s must not serve", app.name()).doesNotContain(Users.READY);
      return output;
    }
  }

  private static void assertOk(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("GET /users/1: %s", response.body()).isEqualTo(200);
  }
}
