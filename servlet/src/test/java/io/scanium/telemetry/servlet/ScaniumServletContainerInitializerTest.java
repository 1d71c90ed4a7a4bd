package io.scanium.telemetry.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.TelemetryConfigurationException;
import jakarta.servlet.ServletContainerInitializer;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The initializer's switch, read from maps, and its discovery through the service file. */
class ScaniumServletContainerInitializerTest {

  @Test
  void autoRegistrationIsOnByDefault() {
    assertThat(ScaniumServletContainerInitializer.autoRegister(Map.of(), Map.of())).isTrue();
    assertThat(ScaniumServletContainerInitializer.autoRegister(Map.of("SCANIUM_SERVLET_AUTO_REGISTER", " "),
        Map.of())).as("blank counts as unset").isTrue();
  }

  @Test
  void variableTurnsItOff() {
    assertThat(ScaniumServletContainerInitializer.autoRegister(Map.of("SCANIUM_SERVLET_AUTO_REGISTER", "false"),
        Map.of())).isFalse();
    assertThat(ScaniumServletContainerInitializer.autoRegister(Map.of("SCANIUM_SERVLET_AUTO_REGISTER", "FALSE"),
        Map.of())).isFalse();
    assertThat(ScaniumServletContainerInitializer.autoRegister(Map.of(),
        Map.of("scanium.servlet.auto.register", "false"))).isFalse();
  }

  @Test
  void systemPropertyWinsOverTheEnvironment() {
    assertThat(ScaniumServletContainerInitializer.autoRegister(Map.of("SCANIUM_SERVLET_AUTO_REGISTER", "false"),
        Map.of("scanium.servlet.auto.register", "true"))).isTrue();
  }

  @Test
  void aValueThatIsNotABooleanFailsNamingTheVariableAndWhereItCameFrom() {
    assertThatThrownBy(() -> ScaniumServletContainerInitializer.autoRegister(
        Map.of("SCANIUM_SERVLET_AUTO_REGISTER", "no"), Map.of()))
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("SCANIUM_SERVLET_AUTO_REGISTER = \"no\" (environment variable)")
        .hasMessageContaining("use true (the default) or false");
    assertThatThrownBy(() -> ScaniumServletContainerInitializer.parse(
        ScaniumServletContainerInitializer.AUTO_REGISTER_PARAMETER, "off", "context parameter of web application /"))
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("io.scanium.telemetry.servlet.auto-register = \"off\" (context parameter");
  }

  @Test
  void containersFindTheInitializerThroughTheServiceFile() {
    assertThat(ServiceLoader.load(ServletContainerInitializer.class).stream().map(ServiceLoader.Provider::type))
        .contains(ScaniumServletContainerInitializer.class);
  }
}
