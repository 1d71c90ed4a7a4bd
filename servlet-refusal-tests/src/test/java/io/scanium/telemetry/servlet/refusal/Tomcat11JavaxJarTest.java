package io.scanium.telemetry.servlet.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * scanium-telemetry-servlet-javax alone in a web application on Tomcat 11 (jakarta): Tomcat ignores the jar's
 * javax initializer, and its jakarta refusal says so.
 */
class Tomcat11JavaxJarTest {

  @Test
  void javaxJarOnTomcat11IsRefusedLoudlyNamingTheJakartaArtifact() throws Exception {
    assertThat(Webapp.serverInfo()).as("really Tomcat 11").startsWith("Apache Tomcat/11.0.");
    try (Webapp webapp = Webapp.start()) {
      RefusalAssertions.assertRefusedLoudlyAndServing(webapp, "jakarta.servlet", "scanium-telemetry-servlet");
    }
  }
}
