package io.scanium.telemetry.spring.boot.tests;

/** The HTTP-server contract on Spring Boot 4.0, Spring MVC, embedded Jetty. */
class Boot4MvcJettyContractTest extends BootContractTest {

  @Override
  String application() {
    return "boot4-mvc-jetty";
  }
}
