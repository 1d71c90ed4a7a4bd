package io.scanium.telemetry.spring.boot.tests;

/** Spring Boot 4.0, Spring MVC on embedded Tomcat, no Actuator. */
class Boot4MvcTomcatTest extends BootMvcApplicationTest {

  @Override
  String application() {
    return "boot4-mvc-tomcat";
  }
}
