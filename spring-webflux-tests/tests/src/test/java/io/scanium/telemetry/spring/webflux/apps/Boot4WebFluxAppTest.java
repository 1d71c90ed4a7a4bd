package io.scanium.telemetry.spring.webflux.apps;

import java.nio.file.Path;

/** The WebFlux application on Spring Boot 4.0 (Spring Framework 7, Reactor 3.8, OpenTelemetry 1.55). */
class Boot4WebFluxAppTest extends WebFluxAppTest {

  @Override
  Path jar() {
    return Path.of(System.getProperty("boot4.webflux.jar"));
  }
}
