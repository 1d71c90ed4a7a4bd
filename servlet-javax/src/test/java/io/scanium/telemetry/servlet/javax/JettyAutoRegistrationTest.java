package io.scanium.telemetry.servlet.javax;

/** The drop-in path, with the initializer found through its service file, on embedded Jetty 9.4 (Servlet 3.1). */
class JettyAutoRegistrationTest extends AutoRegistrationTest {

  @Override
  ServletContainer newContainer() {
    return new JettyContainer();
  }
}
