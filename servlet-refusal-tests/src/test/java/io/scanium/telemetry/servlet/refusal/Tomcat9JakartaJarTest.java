package io.scanium.telemetry.servlet.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * scanium-telemetry-servlet (jakarta) alone in a web application on Tomcat 9 (javax): Tomcat ignores the jar's
 * jakarta initializer, and its javax refusal says so.
 */
class Tomcat9JakartaJarTest {

  @Test
  void jakartaJarOnTomcat9IsRefusedLoudlyNamingTheJavaxArtifact() throws Exception {
    assertThat(Webapp.serverInfo()).as("really Tomcat 9").startsWith("Apache Tomcat/9.0.");
    try (Webapp webapp = Webapp.start()) {
      RefusalAssertions.assertRefusedLoudlyAndServing(webapp, "javax.servlet", "scanium-telemetry-servlet-javax");
    }
  }
}
