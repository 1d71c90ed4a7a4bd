package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedRequest;
import io.scanium.telemetry.receiver.Signal;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the startup report says each signal is sent to, and with which headers, is what the exporter really sends:
 * both come from one computation, and the receiver sees the result on the wire.
 */
class ExportTargetTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theReportedUrlAndHeadersAreWhatTheExporterSends() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> env = new HashMap<>();
      env.put("OTEL_SERVICE_NAME", "target-test");
      // A trailing slash, a space and a comma in values: each a place where two computations could differ.
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint() + "/");
      env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Basic%20YWxpY2U6czNjcmV0,x-scope-orgid=tenant%2C1");
      // The signal's own headers replace the generic ones, as OpenTelemetry's exporter does: no authorization.
      env.put("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-scope-orgid=traces-tenant");
      env.put("OTEL_BSP_SCHEDULE_DELAY", "20");
      env.put("OTEL_BLRP_SCHEDULE_DELAY", "20");
      env.put("SCANIUM_METRICS_PORT", "off");
      try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build()) {
        t.openTelemetry().getTracer("test").spanBuilder("sent").startSpan().end();
        t.openTelemetry().getLogsBridge().get("test").logRecordBuilder().setBody("sent").emit();
        receiver.awaitSpan(OtlpReceiver.matching("span 'sent'", s -> s.name().equals("sent")), WAIT);
        receiver.awaitLog(OtlpReceiver.matching("log 'sent'", l -> "sent".equals(l.body())), WAIT);

        Map<String, String> traces = Map.of("x-scope-orgid", "traces-tenant");
        Map<String, String> logs = Map.of("authorization", "Basic YWxpY2U6czNjcmV0", "x-scope-orgid", "tenant,1");
        assertSentAsReported(t.startupReport(), receiver, Signal.TRACES, "traces", traces);
        assertSentAsReported(t.startupReport(), receiver, Signal.LOGS, "logs", logs);
        assertThat(t.startupReport()).as("startup report").doesNotContain("YWxpY2U6czNjcmV0")
            .doesNotContain("traces-tenant");
      }
    }
  }

  @Test
  void aMalformedEscapeInAHeaderValueIsRefusedWithoutShowingTheValue() {
    Map<String, String> env = Map.of("OTEL_SERVICE_NAME", "target-test", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "http://127.0.0.1:4318", "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%zzs3cret",
        "SCANIUM_METRICS_PORT", "off", "SCANIUM_STARTUP_PROBE", "off");
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env).shutdownHook(false).build())
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS = \"authorization=****\"")
        .hasMessageContaining("%-escape")
        .satisfies(e -> assertThat(e.getMessage()).as("the refusal").doesNotContain("s3cret"));
  }

  private static void assertSentAsReported(String report, OtlpReceiver receiver, Signal signal, String key,
      Map<String, String> configured) {
    Matcher line = Pattern.compile("(?m)^  " + key + ":\\s+.*? POST (\\S+)  <- .*?(?:, headers (\\S+))?  \\(.*$")
        .matcher(report);
    assertThat(line.find()).as("the report's %s line:\n%s", key, report).isTrue();
    URI reported = URI.create(line.group(1));
    Set<String> reportedNames = line.group(2) == null ? Set.of() : Arrays.stream(line.group(2).split(","))
        .map(h -> h.substring(0, h.indexOf('='))).collect(Collectors.toSet());

    List<ReceivedRequest> sent = receiver.requests().stream().filter(r -> r.signal() == signal).toList();
    assertThat(sent).as("%s requests received", key).isNotEmpty();
    assertThat(URI.create(receiver.endpoint()).getAuthority()).as("%s: the reported host and port", key)
        .isEqualTo(reported.getAuthority());
    assertThat(reportedNames).as("%s: the header names the report lists", key).isEqualTo(configured.keySet());
    for (ReceivedRequest r : sent) {
      // Every request: the exporter's, and the startup probe's, which must present the same credentials.
      assertThat(r.path()).as("%s: the path sent, against the reported URL %s", key, reported)
          .isEqualTo(reported.getPath());
      configured.forEach((name, value) -> assertThat(r.header(name)).as("%s: header %s sent", key, name)
          .isEqualTo(value));
      if (!configured.containsKey("authorization")) {
        assertThat(r.header("authorization")).as("%s: a header the report does not list", key).isNull();
      }
    }
  }
}
