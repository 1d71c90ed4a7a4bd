package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.internal.agent.JavaAgent;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Install with the OpenTelemetry Java agent attached, the agent's SDK stood in for by an SDK of the test (the real
 * agent, in child JVMs, is the agent-tests module's): no SDK of the library's own, everything through the agent's.
 */
class JavaAgentInstallTest {

  private static final HttpRequestGetter<String> PATH_ONLY = new HttpRequestGetter<>() {
    @Override
    public String method(String path) {
      return "GET";
    }

    @Override
    public String path(String path) {
      return path;
    }

    @Override
    public String header(String path, String name) {
      return null;
    }
  };

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final OpenTelemetrySdk agentSdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
      .build();

  @AfterEach
  void closeAgentSdk() {
    agentSdk.close();
  }

  private ScaniumTelemetry.Builder underAgent() {
    return ScaniumTelemetry.builder()
        .environment(Map.of("OTEL_SERVICE_NAME", "checkout", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
            "SCANIUM_METRICS_HOST", "127.0.0.1", "SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick())))
        .javaAgent(new JavaAgent("2.31.1"), agentSdk)
        .shutdownHook(false);
  }

  @Test
  void spansGoThroughTheAgentsOpenTelemetryAndTheLibraryBuildsNoSdk() {
    try (ScaniumTelemetry t = underAgent().build()) {
      assertThat(t.openTelemetry()).isSameAs(agentSdk);
      assertThat(t.javaAgentVersion()).contains("2.31.1");
      assertThatThrownBy(t::sdk).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("OpenTelemetry Java agent 2.31.1").hasMessageContaining("openTelemetry()");

      var http = t.http().instrumenter(PATH_ONLY);
      http.start("/health", "/health").end(200);
      Span agentSpan = agentSdk.getTracer("agent").spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = agentSpan.makeCurrent()) {
        http.start("/users/7", "/users/{id}").end(200);
      }
      agentSpan.end();

      assertThat(exported.getFinishedSpanItems()).as("spans in the agent's SDK")
          .extracting(s -> s.getName()).containsExactly("GET /health", "GET /users/{id}");
      String scrape = Scrape.prometheusText(t.registry());
      assertThat(scrape).contains("scanium_http_requests_total").doesNotContain("scanium_telemetry_export");
      assertThat(t.startupReport())
          .contains("OpenTelemetry Java agent 2.31.1 attached")
          .contains("export health is the agent's to report")
          .contains("the agent's own metrics: otlp http/protobuf POST http://collector:4318/v1/metrics")
          .contains("the scanium_* series are not pushed under the agent (its SDK takes no metrics from a library):"
              + " scrape them\n")
          .doesNotContain("ignored:");
    }
    assertThat(agentSdk.getSdkTracerProvider().get("after").spanBuilder("x").startSpan().isRecording())
        .as("closing the library leaves the agent's SDK running").isTrue();
  }

  @Test
  void withoutTheScrapeEndpointTheReportSaysTheScaniumSeriesGoNowhere() {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder()
        .environment(Map.of("OTEL_SERVICE_NAME", "checkout", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
            "SCANIUM_METRICS_PORT", "off"))
        .javaAgent(new JavaAgent("2.31.1"), agentSdk)
        .shutdownHook(false)
        .build()) {
      assertThat(t.startupReport())
          .contains("the scanium_* series are not pushed under the agent (its SDK takes no metrics from a library):"
              + " scrape them, which is OFF, so they go nowhere")
          .contains("WARN SCANIUM_METRICS_PORT=off (environment variable) under the OpenTelemetry Java agent: the"
              + " scanium_* series go nowhere");
    }
  }

  @Test
  void otelSettingsOfAFrameworkSourceAreNamedAsIgnoredScaniumOnesApply() {
    try (ScaniumTelemetry t = underAgent()
        .propertySource("application.properties via Spring Environment", Map.of(
            "otel.exporter.otlp.endpoint", "http://elsewhere:4318", "scanium.jvm.metrics", "false"))
        .build()) {
      assertThat(t.startupReport())
          .contains("JVM metrics OFF  <- scanium.jvm.metrics=false (application.properties via Spring Environment)")
          .contains("ignored: otel.exporter.otlp.endpoint in application.properties via Spring Environment")
          .contains("POST http://collector:4318/v1/traces")
          .doesNotContain("elsewhere");
    }
  }
}
