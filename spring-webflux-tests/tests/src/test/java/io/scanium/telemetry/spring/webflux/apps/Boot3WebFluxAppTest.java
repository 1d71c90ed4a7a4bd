package io.scanium.telemetry.spring.webflux.apps;

import java.nio.file.Path;

/** The WebFlux application on Spring Boot 3.5 (Spring Framework 6.2, Reactor 3.7, OpenTelemetry 1.49). */
class Boot3WebFluxAppTest extends WebFluxAppTest {

  @Override
  Path jar() {
    return Path.of(System.getProperty("boot3.webflux.jar"));
  }
}
