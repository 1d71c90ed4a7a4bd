package io.scanium.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCheckCliTest {

  private static final String SCRAPE = ExposedSeriesTest.CONTRACT_SCRAPE.toString();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DashboardCheckCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void exitsZeroWhenEveryDashboardMatches() {
    int status = run("--scrape-file", SCRAPE, TestDashboards.PASSING.toString());

    assertThat(status).isZero();
    assertThat(out()).startsWith("Dashboard contract check passed: 3 dashboards");
    assertThat(err()).isEmpty();
  }

  @Test
  void exitsOneAndPrintsTheReportWhenAMetricIsMissing() {
    int status = run("--scrape-file=" + SCRAPE, TestDashboards.OPENAI_RUNTIME.toString());

    assertThat(status).isEqualTo(1);
    assertThat(out())
        .contains("Dashboard \"Scanium - OpenAI Runtime\"")
        .contains("panel \"OpenAI requests by model\" (id 31)")
        .contains("metric openai_requests_total is not exposed");
  }

  @Test
  void acceptsSeveralFilesAndDirectories() {
    int status =
        run("--scrape-file", SCRAPE, TestDashboards.BACKEND_ERRORS.toString(),
            TestDashboards.SYSTEM_OVERVIEW.toString(),
            TestDashboards.PASSING.toString());

    assertThat(status).isZero();
    assertThat(out()).contains("5 dashboards");
  }

  @Test
  void targetLabelOptionDeclaresScraperLabels(@TempDir Path dir) {
    Path dashboard = TestDashboards.withPanels(dir, "Env", "sum(scanium_http_requests_in_flight{env=\"prod\"})");

    assertThat(run("--scrape-file", SCRAPE, dashboard.toString())).isEqualTo(1);
    assertThat(run("--scrape-file", SCRAPE, "--target-label", "env", dashboard.toString())).isZero();
  }

  @Test
  void exitsZeroAgainstALiveEndpoint() throws IOException {
    try (MetricsServer server = MetricsServer.servingText(Files.readString(ExposedSeriesTest.CONTRACT_SCRAPE))) {
      int status = run("--metrics-url", server.metricsUrl().toString(), TestDashboards.PASSING.toString());

      assertThat(status).isZero();
      assertThat(out()).contains("from " + server.metricsUrl());
    }
  }

  @Test
  void exitsOneAgainstALiveEndpointMissingMetrics() throws IOException {
    try (MetricsServer server = MetricsServer.servingText(Files.readString(ExposedSeriesTest.CONTRACT_SCRAPE))) {
      assertThat(run("--metrics-url", server.metricsUrl().toString(), TestDashboards.OPENAI_RUNTIME.toString()))
          .isEqualTo(1);
    }
  }

  @Test
  void exitsTwoWhenTheEndpointFails() throws IOException {
    try (MetricsServer server = MetricsServer.serving(500, "text/plain", "boom")) {
      int status = run("--metrics-url", server.metricsUrl().toString(), TestDashboards.PASSING.toString());

      assertThat(status).isEqualTo(2);
      assertThat(err()).contains(server.metricsUrl().toString()).contains("500");
      assertThat(out()).isEmpty();
    }
  }

  @Test
  void exitsTwoWhenTheScrapeFileIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("scrape.txt");

    assertThat(run("--scrape-file", missing.toString(), TestDashboards.PASSING.toString())).isEqualTo(2);
    assertThat(err()).contains(missing.toString());
  }

  @Test
  void exitsTwoWhenTheScrapeFileIsNoExposition(@TempDir Path dir) throws IOException {
    Path html = Files.writeString(dir.resolve("scrape.txt"), "<html><body>Login</body></html>\n");

    assertThat(run("--scrape-file", html.toString(), TestDashboards.PASSING.toString())).isEqualTo(2);
    assertThat(err()).contains(html.toString()).contains("line 1");
  }

  @Test
  void exitsTwoWhenADashboardIsMissing(@TempDir Path dir) {
    Path missing = dir.resolve("gone.json");

    assertThat(run("--scrape-file", SCRAPE, missing.toString())).isEqualTo(2);
    assertThat(err()).contains(missing.toString());
  }

  @Test
  void exitsTwoWhenADashboardIsNotJson(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"panels\": [");

    assertThat(run("--scrape-file", SCRAPE, broken.toString())).isEqualTo(2);
    assertThat(err()).contains(broken.toString());
  }

  @Test
  void exitsTwoWithoutArguments() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("Usage:");
  }

  @Test
  void exitsTwoWithBothSources() {
    assertThat(run("--scrape-file", SCRAPE, "--metrics-url", "http://127.0.0.1:1/metrics", "d.json")).isEqualTo(2);
    assertThat(err()).contains("exactly one of --metrics-url and --scrape-file");
  }

  @Test
  void exitsTwoWithoutDashboards() {
    assertThat(run("--scrape-file", SCRAPE)).isEqualTo(2);
    assertThat(err()).contains("at least one dashboard");
  }

  @Test
  void exitsTwoOnAnUnknownOption() {
    assertThat(run("--scrape-file", SCRAPE, "--verbose", "d.json")).isEqualTo(2);
    assertThat(err()).contains("unknown option --verbose");
  }

  @Test
  void exitsTwoOnAnOptionWithoutValue() {
    assertThat(run("--scrape-file")).isEqualTo(2);
    assertThat(err()).contains("--scrape-file needs a value");
  }

  @Test
  void exitsTwoOnANonHttpUrl() {
    assertThat(run("--metrics-url", "file:///etc/passwd", TestDashboards.PASSING.toString())).isEqualTo(2);
    assertThat(err()).contains("http or https");
  }

  @Test
  void helpExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("Usage:").contains("Exit status");
  }
}
