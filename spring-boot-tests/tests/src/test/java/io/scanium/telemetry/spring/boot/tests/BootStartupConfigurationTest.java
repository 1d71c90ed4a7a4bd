package io.scanium.telemetry.spring.boot.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.FreePort;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration through Spring's {@code Environment} and configuration errors, each in an application of its own:
 * a profile's file is named as the source in the startup report; an error fails the context with the library's
 * message, naming the Spring property source it came from.
 */
class BootStartupConfigurationTest {

  private final OtlpReceiver receiver = OtlpReceiver.start();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()));
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    return env;
  }

  @Test
  void profileFileIsTheNamedSourceOfTheServiceName() throws Exception {
    Map<String, String> env = environment();
    env.put("SPRING_PROFILES_ACTIVE", "staging");
    try (BootApp app = BootApp.start("boot3-mvc-tomcat", env)) {
      assertThat(app.output()).as("startup report")
          .contains("service:    boot-mvc-app-staging  <- otel.service.name=boot-mvc-app-staging"
              + " (application-staging.properties via Spring Environment)");
    }
  }

  @Test
  void unknownScaniumPropertyInSpringConfigurationFailsTheContextNamingItsSource() throws Exception {
    Map<String, String> env = environment();
    env.put("SPRING_APPLICATION_JSON", "{\"scanium\":{\"metrics\":{\"prot\":\"9999\"}}}");
    try (BootApp app = BootApp.launch("boot4-mvc-jetty", env)) {
      assertThat(app.awaitExit()).as("exit code of an application that failed to start").isNotZero();
      assertThat(app.output())
          .contains("APPLICATION FAILED TO START").contains("Scanium telemetry is misconfigured")
          .contains("scanium.metrics.prot = \"9999\" (spring.application.json via Spring Environment)")
          .doesNotContain("SCANIUM-APP READY");
    }
  }

  @Test
  void ourJvmSeriesInActuatorsRegistryAreRefusedBeforeTheyCollide() throws Exception {
    Map<String, String> env = environment();
    env.put("SCANIUM_METRICS_ACTUATOR", "true");
    env.put("SCANIUM_JVM_METRICS", "true");
    try (BootApp app = BootApp.launch("boot4-mvc-jetty-actuator", env)) {
      assertThat(app.awaitExit()).as("exit code of an application that failed to start").isNotZero();
      assertThat(app.output())
          .contains("SCANIUM_JVM_METRICS = \"true\" (environment variable)")
          .contains("SCANIUM_METRICS_ACTUATOR=true (environment variable)")
          .doesNotContain("SCANIUM-APP READY");
    }
  }

  @Test
  void missingEndpointFailsTheContextWithTheValidationMessage() throws Exception {
    Map<String, String> env = environment();
    env.remove("OTEL_EXPORTER_OTLP_ENDPOINT");
    try (BootApp app = BootApp.launch("boot4-mvc-tomcat-actuator", env)) {
      assertThat(app.awaitExit()).as("exit code of an application that failed to start").isNotZero();
      assertThat(app.output())
          .contains("APPLICATION FAILED TO START").contains("Scanium telemetry is misconfigured")
          .contains("OTEL_EXPORTER_OTLP_ENDPOINT = not set")
          .doesNotContain("SCANIUM-APP READY");
    }
  }
}
