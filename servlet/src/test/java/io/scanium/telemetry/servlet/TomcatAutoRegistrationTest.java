package io.scanium.telemetry.servlet;

/** The drop-in path on embedded Tomcat 11, with the initializer found through its service file. */
class TomcatAutoRegistrationTest extends AutoRegistrationTest {

  @Override
  ServletContainer newContainer() {
    return new TomcatContainer();
  }
}
