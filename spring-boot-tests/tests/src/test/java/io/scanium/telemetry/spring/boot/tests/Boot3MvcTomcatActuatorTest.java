package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 3.5, Spring MVC on embedded Tomcat, with Actuator and micrometer-registry-prometheus. */
class Boot3MvcTomcatActuatorTest extends BootMvcActuatorApplicationTest {

  @Override
  String application() {
    return "boot3-mvc-tomcat-actuator";
  }
}
