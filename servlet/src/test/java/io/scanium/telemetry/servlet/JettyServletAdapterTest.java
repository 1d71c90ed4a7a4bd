package io.scanium.telemetry.servlet;

/** The servlet adapter on embedded Jetty 12 (ee10). */
class JettyServletAdapterTest extends ServletAdapterTest {

  @Override
  ServletContainer newContainer() {
    return new JettyContainer();
  }
}
