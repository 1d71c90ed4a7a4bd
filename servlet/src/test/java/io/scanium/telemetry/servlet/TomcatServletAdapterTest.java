package io.scanium.telemetry.servlet;

/** The servlet adapter on embedded Tomcat 11. */
class TomcatServletAdapterTest extends ServletAdapterTest {

  @Override
  ServletContainer newContainer() {
    return new TomcatContainer();
  }
}
