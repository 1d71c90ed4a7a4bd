package io.scanium.telemetry.spring.webflux.apps;

import java.nio.file.Path;

/** The WebFlux application on Spring Boot 4.0 with Actuator and micrometer-registry-prometheus. */
class Boot4WebFluxActuatorAppTest extends WebFluxActuatorAppTest {

  @Override
  Path jar() {
    return Path.of(System.getProperty("boot4.webflux.actuator.jar"));
  }
}
