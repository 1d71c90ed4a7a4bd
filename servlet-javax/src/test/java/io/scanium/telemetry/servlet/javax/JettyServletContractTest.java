package io.scanium.telemetry.servlet.javax;

/** The HTTP-server contract on embedded Jetty 9.4 (Servlet 3.1). */
class JettyServletContractTest extends ServletContractTest {

  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }
}
