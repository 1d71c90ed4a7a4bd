package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 3.5, Spring MVC on embedded Jetty, with Actuator and micrometer-registry-prometheus. */
class Boot3MvcJettyActuatorTest extends BootMvcActuatorApplicationTest {

  @Override
  String application() {
    return "boot3-mvc-jetty-actuator";
  }
}
