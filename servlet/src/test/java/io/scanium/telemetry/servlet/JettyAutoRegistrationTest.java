package io.scanium.telemetry.servlet;

/** The drop-in path on embedded Jetty 12 (ee10), with the initializer found through its service file. */
class JettyAutoRegistrationTest extends AutoRegistrationTest {

  @Override
  ServletContainer newContainer() {
    return new JettyContainer();
  }
}
