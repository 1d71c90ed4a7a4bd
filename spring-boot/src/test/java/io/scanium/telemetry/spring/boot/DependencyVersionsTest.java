package io.scanium.telemetry.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.scanium.telemetry.Problem;
import org.junit.jupiter.api.Test;

/** The floor check that refuses an OpenTelemetry or Prometheus version older than the library runs on. */
class DependencyVersionsTest {

  @Test
  void versionsBootManagesPass() {
    assertThat(DependencyVersions.problem("opentelemetry.version", "opentelemetry-sdk", "1.49.0", "1.49.0"))
        .as("Boot 3.5.7's OpenTelemetry").isEmpty();
    assertThat(DependencyVersions.problem("opentelemetry.version", "opentelemetry-sdk", "1.55.0", "1.49.0"))
        .as("Boot 4.0.7's OpenTelemetry").isEmpty();
    assertThat(DependencyVersions.problem("prometheus-client.version", "prometheus-metrics-core", "1.4.3", "1.3.10"))
        .as("Boot 4.0.7's Prometheus client (1.4.3 is newer than 1.3.10)").isEmpty();
  }

  @Test
  void olderVersionNamesFoundNeededAndBootProperty() {
    Problem p = DependencyVersions.problem("opentelemetry.version", "opentelemetry-sdk", "1.43.0", "1.49.0")
        .orElseThrow();
    assertThat(p.render())
        .contains("opentelemetry.version = \"1.43.0\" (opentelemetry-sdk on the classpath)")
        .contains("older than 1.49.0")
        .contains("<opentelemetry.version>1.49.0</opentelemetry.version>");
  }

  @Test
  void suffixesAndShortVersionsCompareNumerically() {
    assertThat(DependencyVersions.compare("1.49.0-alpha", "1.49.0")).isZero();
    assertThat(DependencyVersions.compare("1.5", "1.49.0")).isNegative();
    assertThat(DependencyVersions.compare("2.0", "1.49.0")).isPositive();
  }

  @Test
  void theClasspathOfThisBuildPasses() {
    assertThatCode(() -> DependencyVersions.check(getClass().getClassLoader())).doesNotThrowAnyException();
  }
}
