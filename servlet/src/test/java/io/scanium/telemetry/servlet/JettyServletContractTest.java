package io.scanium.telemetry.servlet;

/** The HTTP-server contract on embedded Jetty 12 (ee10). */
class JettyServletContractTest extends ServletContractTest {

  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }
}
