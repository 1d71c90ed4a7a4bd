package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 3.5, Spring MVC on embedded Tomcat, no Actuator. */
class Boot3MvcTomcatTest extends BootMvcApplicationTest {

  @Override
  String application() {
    return "boot3-mvc-tomcat";
  }
}
