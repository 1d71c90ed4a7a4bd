package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 3.5, Spring MVC on embedded Jetty, no Actuator. */
class Boot3MvcJettyTest extends BootMvcApplicationTest {

  @Override
  String application() {
    return "boot3-mvc-jetty";
  }
}
