package io.scanium.telemetry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * What a user sees when a test uses the extension wrongly, or fails: each case is a small test class run by the
 * JUnit engine, as in a real build. The classes are static nested ones, which the build does not run by themselves.
 */
class MisuseTest {

  @Test
  void telemetryLeftInstalledByOtherCodeIsNamed() {
    try (ScaniumTelemetry leftover = ScaniumTelemetry.builder()
        .environment(Map.of("OTEL_SERVICE_NAME", "leftover", "OTEL_TRACES_EXPORTER", "none",
            "OTEL_LOGS_EXPORTER", "none", "SCANIUM_METRICS_PORT", "off", "SCANIUM_STARTUP_REPORT", "false"))
        .shutdownHook(false).install()) {
      Throwable failure = onlyFailure(run(PlainTest.class));
      assertThat(failure).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Scanium telemetry (service leftover) is already installed before plain()")
          .hasMessageContaining("did not close it");
      assertThat(ScaniumTelemetry.installed()).containsSame(leftover);
    }
  }

  @Test
  void anInvalidConfigurationFailsTheTestAsItFailsStartup() {
    Throwable failure = onlyFailure(run(InvalidConfigurationTest.class));
    assertThat(failure).isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(ScaniumTelemetry.installed()).isEmpty();
  }

  @Test
  void aParameterOutsideTheTestsLifecycleIsExplained() {
    Throwable failure = onlyFailure(run(ConstructorParameterTest.class));
    assertThat(failure).isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining("available to test, @BeforeEach and @AfterEach methods");
  }

  @Test
  void aFailingTestStillClosesItsTelemetry() {
    Throwable failure = onlyFailure(run(FailingTest.class));
    assertThat(failure).hasMessage("the application is broken");
    assertThat(ScaniumTelemetry.installed()).isEmpty();
    assertThat(FailingTest.seen).isPresent();
  }

  @Test
  void theCaptureIsOnlyThereDuringATest() {
    assertThatThrownBy(() -> ScaniumTelemetryExtension.create().capture())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("installs telemetry before each test and closes it after");
  }

  @Test
  void aNegativeTimeoutIsRefused() {
    assertThatThrownBy(() -> ScaniumTelemetryExtension.create().withAwaitTimeout(java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EngineExecutionResults run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
  }

  private static Throwable onlyFailure(EngineExecutionResults results) {
    var failed = results.allEvents().failed().list();
    assertThat(failed).as("failed events: %s", failed).hasSize(1);
    Event event = failed.get(0);
    return event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
        .orElseThrow();
  }

  static class PlainTest {
    @RegisterExtension
    static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create();

    @Test
    void plain() {
      assertThat(telemetry.capture()).isNotNull();
    }
  }

  static class InvalidConfigurationTest {
    @RegisterExtension
    static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create()
        .withEnvironment(Map.of("OTEL_TRACES_EXPORTER", "otlp"));

    @Test
    void neverRuns() {
      assertThat(telemetry.capture()).isNotNull();
    }
  }

  static class ConstructorParameterTest {
    @RegisterExtension
    static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create();

    private final TelemetryCapture capture;

    ConstructorParameterTest(TelemetryCapture capture) {
      this.capture = capture;
    }

    @Test
    void neverRuns() {
      assertThat(capture).isNotNull();
    }
  }

  static class FailingTest {
    static Optional<ScaniumTelemetry> seen = Optional.empty();

    @RegisterExtension
    static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create();

    @Test
    void fails(ScaniumTelemetry installed) {
      seen = Optional.of(installed);
      throw new IllegalStateException("the application is broken");
    }
  }
}
