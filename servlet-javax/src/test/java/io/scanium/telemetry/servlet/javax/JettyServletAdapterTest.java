package io.scanium.telemetry.servlet.javax;

/** The servlet adapter on embedded Jetty 9.4 (Servlet 3.1). */
class JettyServletAdapterTest extends ServletAdapterTest {

  @Override
  ServletContainer newContainer() {
    return new JettyContainer();
  }
}
