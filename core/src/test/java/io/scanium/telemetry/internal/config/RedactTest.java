package io.scanium.telemetry.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** No secret in what the library prints: URL credentials and credential-looking query parameters are masked. */
class RedactTest {

  @Test
  void userinfoIsMasked() {
    assertThat(Redact.url("https://user:token@collector:4318")).isEqualTo("https://****@collector:4318");
    assertThat(Redact.url("https://token@collector:4318/v1/traces")).isEqualTo("https://****@collector:4318/v1/traces");
    assertThat(Redact.url("http://a:b@c@[::1]:4318/p?x=1")).isEqualTo("http://****@[::1]:4318/p?x=1");
  }

  @Test
  void credentialQueryParametersAreMaskedOthersKept() {
    assertThat(Redact.url("https://c:4318/v1/traces?api_key=abc&tenant=t1&X-Amz-Signature=s&access_token=z#f"))
        .isEqualTo("https://c:4318/v1/traces?api_key=****&tenant=t1&X-Amz-Signature=****&access_token=****#f");
  }

  @Test
  void valuesWithoutSecretsAreUnchanged() {
    for (String v : new String[] {"http://alloy:4318", "http://alloy:4318/v1/logs?tenant=a", "checkout", "a@b", ""}) {
      assertThat(Redact.url(v)).as(v).isEqualTo(v);
    }
  }

  @Test
  void theReportTheWarningsAndTheProblemsNeverShowTheSecret() {
    ResolvedConfig c = ConfigValidator.resolve(ConfigSource.of(Map.of("OTEL_SERVICE_NAME", "checkout",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "https://user:t0psecret@collector:4318"), Map.of(), Map.of()),
        ContainerDetector.NONE);
    assertThat(c.signals().get(Signal.TRACES).url()).contains("https://****@collector:4318/v1/traces");
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w)
        .contains("carries credentials in the URL", "OTEL_EXPORTER_OTLP_HEADERS=authorization=Basic"));
    assertThat(String.join("\n", c.warnings()) + c.signals()).doesNotContain("t0psecret");

    assertThat(ConfigValidatorTest.problems(Map.of("OTEL_SERVICE_NAME", "checkout",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "https://user:t0psecret@collector:4318/v1/traces?token=t0psecret"),
        env -> ConfigValidator.resolve(ConfigSource.of(env, Map.of(), Map.of()), ContainerDetector.NONE)))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.render()).doesNotContain("t0psecret"));
  }
}
