package io.scanium.telemetry.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.StderrCapture;
import io.scanium.telemetry.testsupport.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.reactive.context.AnnotationConfigReactiveWebApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.server.WebFilter;

/** Where the auto-configuration takes its telemetry from, and where it stays out. */
class ScaniumWebFluxAutoConfigurationTest {

  private OtlpReceiver receiver;

  @BeforeEach
  void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stopReceiver() {
    ScaniumTelemetry.installed().ifPresent(ScaniumTelemetry::close);
    receiver.close();
  }

  @Test
  void usesTheContextsTelemetryBeanAndInstallsNothing() {
    try (ScaniumTelemetry telemetry = ScaniumTelemetry.builder()
        .environment(TestEnvironment.exportingTo(receiver.endpoint(), "bean", "test")).shutdownHook(false).build();
        AnnotationConfigReactiveWebApplicationContext context = new AnnotationConfigReactiveWebApplicationContext()) {
      context.registerBean(ScaniumTelemetry.class, () -> telemetry);
      context.register(ScaniumWebFluxAutoConfiguration.class);
      context.refresh();
      assertThat(context.getBeansOfType(WebFilter.class)).as("WebFilter beans").hasSize(1);
      assertThat(ScaniumTelemetry.installed()).as("telemetry installed by the auto-configuration").isEmpty();
    }
  }

  @Test
  void usesTheInstalledTelemetryAndLeavesItOpen() {
    ScaniumTelemetry installed = ScaniumTelemetry.install(
        TestEnvironment.exportingTo(receiver.endpoint(), "installed", "test"));
    try (AnnotationConfigReactiveWebApplicationContext context = new AnnotationConfigReactiveWebApplicationContext()) {
      context.register(ScaniumWebFluxAutoConfiguration.class);
      context.refresh();
      assertThat(context.getBeansOfType(WebFilter.class)).as("WebFilter beans").hasSize(1);
    }
    assertThat(ScaniumTelemetry.installed()).as("telemetry installed by the application, after the context closed")
        .containsSame(installed);
  }

  @Test
  void installsFromTheEnvironmentOnceAndClosesWithTheLastContext() {
    Map<String, String> properties = Map.of("otel.service.name", "own", "otel.exporter.otlp.endpoint",
        receiver.endpoint(), "scanium.metrics.port", "off", "scanium.jvm.metrics", "false",
        "scanium.startup.report", "false");
    properties.forEach(System::setProperty);
    try {
      AnnotationConfigReactiveWebApplicationContext first = reactiveContext();
      ScaniumTelemetry installed = ScaniumTelemetry.installed().orElseThrow();
      assertThat(installed.serviceName()).isEqualTo("own");
      AnnotationConfigReactiveWebApplicationContext second = reactiveContext();
      assertThat(ScaniumTelemetry.installed()).as("telemetry of the second context").containsSame(installed);
      first.close();
      assertThat(ScaniumTelemetry.installed()).as("telemetry after the first context closed").containsSame(installed);
      second.close();
      assertThat(ScaniumTelemetry.installed()).as("telemetry after the last context closed").isEmpty();
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void aConfigurationThatLosesTelemetryFailsTheContextWithItsMessage() {
    // No endpoint anywhere: surefire clears OTEL_EXPORTER_OTLP_ENDPOINT for every test.
    assertThatThrownBy(ScaniumWebFluxAutoConfigurationTest::reactiveContext)
        .hasRootCauseInstanceOf(TelemetryConfigurationException.class)
        .rootCause().hasMessageContaining("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(ScaniumTelemetry.installed()).as("telemetry after the failed start").isEmpty();
  }

  @Test
  void saysSoInAServletApplicationWhereItInstrumentsNothing() {
    try (StderrCapture stderr = StderrCapture.start();
        GenericWebApplicationContext context = new GenericWebApplicationContext()) {
      AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
      context.registerBean(ScaniumWebFluxAutoConfiguration.class);
      context.refresh();
      assertThat(context.getBeansOfType(WebFilter.class)).as("WebFilter beans").isEmpty();
      assertThat(stderr.text()).contains("its requests are NOT recorded").contains("scanium-telemetry-spring-boot");
    }
    assertThat(ScaniumTelemetry.installed()).as("telemetry installed by the auto-configuration").isEmpty();
  }

  @Test
  void staysOutOfApplicationsThatAreNotReactive() {
    try (StderrCapture stderr = StderrCapture.start();
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.register(ScaniumWebFluxAutoConfiguration.class);
      context.refresh();
      assertThat(context.getBeansOfType(WebFilter.class)).as("WebFilter beans").isEmpty();
      assertThat(stderr.text()).as("stderr of a non-web application").doesNotContain("scanium-telemetry");
    }
    assertThat(ScaniumTelemetry.installed()).as("telemetry installed by the auto-configuration").isEmpty();
  }

  private static AnnotationConfigReactiveWebApplicationContext reactiveContext() {
    AnnotationConfigReactiveWebApplicationContext context = new AnnotationConfigReactiveWebApplicationContext();
    context.register(ScaniumWebFluxAutoConfiguration.class);
    context.refresh();
    assertThat(context.getBeansOfType(WebFilter.class)).as("WebFilter beans").hasSize(1);
    return context;
  }
}
