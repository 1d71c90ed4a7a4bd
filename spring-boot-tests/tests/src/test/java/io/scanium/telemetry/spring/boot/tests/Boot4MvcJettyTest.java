package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 4.0, Spring MVC on embedded Jetty, no Actuator. */
class Boot4MvcJettyTest extends BootMvcApplicationTest {

  @Override
  String application() {
    return "boot4-mvc-jetty";
  }
}
