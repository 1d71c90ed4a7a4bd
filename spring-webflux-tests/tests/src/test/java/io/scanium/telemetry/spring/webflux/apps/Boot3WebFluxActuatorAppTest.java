package io.scanium.telemetry.spring.webflux.apps;

import java.nio.file.Path;

/** The WebFlux application on Spring Boot 3.5 with Actuator and micrometer-registry-prometheus. */
class Boot3WebFluxActuatorAppTest extends WebFluxActuatorAppTest {

  @Override
  Path jar() {
    return Path.of(System.getProperty("boot3.webflux.actuator.jar"));
  }
}
