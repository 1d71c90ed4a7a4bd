package io.scanium.telemetry.spring.boot.tests;

/** The HTTP-server contract on Spring Boot 3.5, Spring MVC, embedded Tomcat. */
class Boot3MvcTomcatContractTest extends BootContractTest {

  @Override
  String application() {
    return "boot3-mvc-tomcat";
  }
}
