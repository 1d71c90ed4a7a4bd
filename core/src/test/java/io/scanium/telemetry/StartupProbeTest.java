package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.health.StartupProbe;
import io.scanium.telemetry.internal.health.StartupProbe.Outcome;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The startup probe's classes, each from a collector on 127.0.0.1 that answers that way. */
class StartupProbeTest {

  /** Generous for a collector that answers (a loaded build machine once took longer than 500 ms to answer). */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Short for the collector that never answers: only its own timeout ends that probe. */
  private static final Duration HUNG_TIMEOUT = Duration.ofMillis(500);
  private static final StartupProbe.Resolver LOCAL_ONLY = host -> {
    if (!host.equals("127.0.0.1")) {
      throw new UnknownHostException(host);
    }
  };

  private static StartupProbe.Result probe(String url, Map<String, String> headers) {
    return StartupProbe.probe(Signal.TRACES, url, headers, TIMEOUT, LOCAL_ONLY);
  }

  @Test
  void aCollectorThatTakesTheSignalIsReadyAndGetsTheConfiguredHeaders() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      StartupProbe.Result r = probe(receiver.endpoint() + "/v1/traces", Map.of("x-scope-orgid", "tenant1"));
      assertThat(r.outcome()).as(r.describe()).isEqualTo(Outcome.READY);
      assertThat(r.describe()).startsWith("probe traces " + receiver.endpoint() + "/v1/traces: READY (HTTP 200");
    }
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"404, NOT_FOUND", "401, UNAUTHORIZED", "403, UNAUTHORIZED", "415, UNSUPPORTED", "503, OTHER"})
  void eachAnswerHasItsClassAndFix(int status, Outcome expected) {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.respondWith(status);
      StartupProbe.Result r = probe(receiver.endpoint() + "/v1/traces", Map.of());
      assertThat(r.outcome()).as(r.describe()).isEqualTo(expected);
      assertThat(r.describe()).contains("HTTP " + status).contains(expected.fix());
    }
  }

  @Test
  void refusedHungAndUnknownHosts() {
    assertThat(probe("http://127.0.0.1:" + FreePort.pick() + "/v1/traces", Map.of()).outcome())
        .isEqualTo(Outcome.REFUSED);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.hang();
      assertThat(StartupProbe.probe(Signal.TRACES, receiver.endpoint() + "/v1/traces", Map.of(), HUNG_TIMEOUT,
          LOCAL_ONLY).outcome()).isEqualTo(Outcome.TIMEOUT);
    }
    StartupProbe.Result unknown = probe("http://alloy.monitoring:4318/v1/traces", Map.of());
    assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN_HOST);
    assertThat(unknown.describe()).contains("host alloy.monitoring not found", "does not resolve from here");
  }

  @Test
  void failRefusesToStartNamingTheSignalAndTheFix() {
    int port = FreePort.pick();
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(Map.of("OTEL_SERVICE_NAME", "probe-test",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + port, "OTEL_LOGS_EXPORTER", "none",
            "SCANIUM_METRICS_PORT", "off", "SCANIUM_STARTUP_PROBE", "fail")).resolver(LOCAL_ONLY)
        .shutdownHook(false).build())
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("SCANIUM_STARTUP_PROBE = \"fail\"")
        .hasMessageContaining("the collector for traces at http://127.0.0.1:" + port + "/v1/traces does not take"
            + " it: REFUSED")
        .hasMessageContaining("To start regardless, set SCANIUM_STARTUP_PROBE=warn");
  }

  @Test
  void warnSaysEachSignalsAnswerAfterTheReportAndKeepsItInASeries() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start(); StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of("OTEL_SERVICE_NAME", "probe-test",
            "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
            "http://127.0.0.1:" + FreePort.pick() + "/v1/logs", "SCANIUM_METRICS_PORT", "off"))
            .resolver(LOCAL_ONLY).shutdownHook(false).build()) {
      assertThat(t.startupReport()).contains("probe:      each collector is asked with an empty export");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!(err.text().contains("INFO probe traces") && err.text().contains("WARN probe logs"))) {
        assertThat(System.nanoTime()).as("both probe lines; stderr:\n%s", err.text()).isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(err.text()).contains("WARN probe logs http://127.0.0.1:").contains(": REFUSED (connection refused)");
      Scrape s = Scrape.of(t.registry());
      assertThat(s.value("scanium_telemetry_startup_probe", Map.of("signal", "traces", "result", "ready")))
          .isEqualTo(1);
      assertThat(s.value("scanium_telemetry_startup_probe", Map.of("signal", "logs", "result", "refused")))
          .isEqualTo(1);
      assertThat(receiver.spans()).as("the probe's empty export carries no span").isEmpty();
    }
  }

  @Test
  void offProbesNothing() {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(Map.of("OTEL_SERVICE_NAME", "probe-test",
            "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "SCANIUM_METRICS_PORT", "off",
            "SCANIUM_STARTUP_PROBE", "off")).shutdownHook(false).build()) {
      assertThat(t.startupReport()).contains("probe:      OFF  <- SCANIUM_STARTUP_PROBE=off");
      assertThat(receiver.requestCount(io.scanium.telemetry.receiver.Signal.TRACES)).isZero();
    }
  }
}
