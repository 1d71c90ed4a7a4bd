package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 4.0, Spring MVC on embedded Tomcat, with Actuator and micrometer-registry-prometheus. */
class Boot4MvcTomcatActuatorTest extends BootMvcActuatorApplicationTest {

  @Override
  String application() {
    return "boot4-mvc-tomcat-actuator";
  }
}
