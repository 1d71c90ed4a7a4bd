package io.scanium.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sensitive query values never reach url.query; everything else is kept as sent. */
class QueryRedactionTest {

  private final QueryRedaction redaction = new QueryRedaction(List.of("Tenant-Secret-Id", " otp "));

  @Test
  void credentialsAreRedactedByNameOthersKept() {
    assertThat(redaction.redact("page=2&access_token=abc&X-Amz-Signature=f00&q=shoes&sig=zz&code=c&key=k"))
        .isEqualTo("page=2&access_token=REDACTED&X-Amz-Signature=REDACTED&q=shoes&sig=REDACTED&code=REDACTED"
            + "&key=REDACTED");
    assertThat(redaction.redact("AWSAccessKeyId=AKIA&Expires=1&Password=hunter2"))
        .isEqualTo("AWSAccessKeyId=REDACTED&Expires=1&Password=REDACTED");
  }

  @Test
  void namesAddedBySettingAreRedactedExactly() {
    assertThat(redaction.redact("otp=123456&tenant-secret-id=t&otpx=1")).isEqualTo("otp=REDACTED"
        + "&tenant-secret-id=REDACTED&otpx=1");
  }

  @Test
  void queriesWithoutSecretsAreReturnedAsIs() {
    String q = "page=2&q=shoes&flag&=x&designer=y";
    assertThat(redaction.redact(q)).isSameAs(q);
    assertThat(redaction.redact("")).isEmpty();
    assertThat(redaction.redact(null)).isNull();
    assertThat(redaction.redact("token")).as("a name without a value has nothing to hide").isEqualTo("token");
  }

  @Test
  void theEngineRecordsTheRedactedQueryByDefaultAndNoneWhenSwitchedOff() {
    HttpRequestGetter<String> withQuery = new HttpRequestGetter<>() {
      @Override
      public String method(String uri) {
        return "GET";
      }

      @Override
      public String path(String uri) {
        return uri.substring(0, uri.indexOf('?'));
      }

      @Override
      public String query(String uri) {
        return uri.substring(uri.indexOf('?') + 1);
      }

      @Override
      public String header(String uri, String name) {
        return null;
      }
    };
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build()) {
      HttpServerTelemetry.builder(sdk, new PrometheusRegistry()).redactQueryParameters(List.of("otp")).build()
          .instrumenter(withQuery).start("/s?q=shoes&otp=1&api_key=k").end(200);
      HttpServerTelemetry.builder(sdk, new PrometheusRegistry()).captureQuery(false).build()
          .instrumenter(withQuery).start("/s?q=boots").end(200);
      assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getAttributes().get(AttributeKey.stringKey(
          "url.query"))).as("url.query of both spans").containsExactly("q=shoes&otp=REDACTED&api_key=REDACTED", null);
    }
  }

  @Test
  void emptySegmentsAndTrailingSeparatorsSurvive() {
    assertThat(redaction.redact("a=1&&token=x&")).isEqualTo("a=1&&token=REDACTED&");
  }
}
