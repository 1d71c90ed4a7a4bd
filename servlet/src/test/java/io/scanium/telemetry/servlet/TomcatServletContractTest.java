package io.scanium.telemetry.servlet;

/** The HTTP-server contract on embedded Tomcat 11. */
class TomcatServletContractTest extends ServletContractTest {

  @Override
  protected ServletContainer newContainer() {
    return new TomcatContainer();
  }
}
