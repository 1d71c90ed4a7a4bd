package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Failure mode F4, a scraper that never arrives: said before the first scrape, silent while scrapes come, said again
 * when they stop. A short interval stands for the default five minutes.
 */
class ScrapeWatchdogTest {

  private static void await(String what, StderrCapture err, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; stderr:\n" + err.text());
      }
      Thread.sleep(10);
    }
  }

  @Test
  void noScraperIsSaidTheFirstScrapeNamesItsAddressAndAStopIsSaid() throws Exception {
    int port = FreePort.pick();
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of(
            "OTEL_SERVICE_NAME", "watchdog-test", "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none",
            "SCANIUM_METRICS_HOST", "127.0.0.1", "SCANIUM_METRICS_PORT", Integer.toString(port),
            "SCANIUM_METRICS_WATCHDOG", "300ms")).shutdownHook(false).build()) {
      assertThat(t.startupReport()).contains("a warning if no scraper reads it for 300ms");
      await("the no-scraper warning", err, () -> err.text().contains("no scraper has read http://127.0.0.1:" + port
          + "/metrics"));
      assertThat(Scrape.of(t.registry()).value("scanium_telemetry_last_scrape_timestamp_seconds", Map.of()))
          .as("scanium_telemetry_last_scrape_timestamp_seconds before any scrape").isZero();

      HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      await("the first-scrape line", err, () -> err.text().contains("first scrape of http://127.0.0.1:" + port
          + "/metrics from 127.0.0.1"));
      assertThat(Scrape.of(t.registry()).value("scanium_telemetry_last_scrape_timestamp_seconds", Map.of()))
          .as("scanium_telemetry_last_scrape_timestamp_seconds after a scrape")
          .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));

      await("the scraping-stopped warning", err, () -> err.text().contains("scraping of http://127.0.0.1:" + port
          + "/metrics stopped: the last scrape, from 127.0.0.1"));
      assertThat(err.text().split("no scraper has read", -1)).as("the no-scraper warning, rate-limited:\n%s",
          err.text()).hasSize(2);
    }
  }

  @Test
  void offMeansNoWatchdog() {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of(
        "OTEL_SERVICE_NAME", "watchdog-test", "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none",
        "SCANIUM_METRICS_HOST", "127.0.0.1", "SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()),
        "SCANIUM_METRICS_WATCHDOG", "off")).shutdownHook(false).build()) {
      assertThat(t.startupReport()).contains("scrape watchdog OFF  <- SCANIUM_METRICS_WATCHDOG=off");
      assertThat(Scrape.of(t.registry()).samples().keySet())
          .noneMatch(k -> k.startsWith("scanium_telemetry_last_scrape_timestamp_seconds"));
    }
  }
}
