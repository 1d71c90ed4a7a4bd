package io.scanium.telemetry.servlet.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both jars in one web application on Tomcat 9, as happens when a javax application gains the javax artifact
 * without dropping the jakarta one: the javax initializer instruments it, and the jakarta jar's refusal stays
 * quiet, because telemetry does flow.
 */
class Tomcat9BothJarsTest {

  private final OtlpReceiver receiver = OtlpReceiver.start();
  private final Map<String, String> properties = new LinkedHashMap<>();

  @AfterEach
  void cleanUp() {
    properties.keySet().forEach(System::clearProperty);
    ScaniumTelemetry.installed().ifPresent(ScaniumTelemetry::close);
    receiver.close();
  }

  @Test
  void theJavaxJarInstrumentsAndTheJakartaJarStaysQuiet() throws Exception {
    assertThat(Webapp.serverInfo()).as("really Tomcat 9").startsWith("Apache Tomcat/9.0.");
    properties.put("otel.service.name", "both-jars");
    properties.put("otel.exporter.otlp.endpoint", receiver.endpoint());
    properties.put("otel.bsp.schedule.delay", "20");
    properties.put("scanium.metrics.port", "off");
    properties.put("scanium.jvm.metrics", "false");
    properties.put("scanium.startup.report", "false");
    properties.forEach(System::setProperty);

    try (Webapp webapp = Webapp.start()) {
      assertThat(webapp.state()).isEqualTo("STARTED");
      assertThat(webapp.filters()).as("the javax filter, registered by the javax initializer")
          .containsExactly("scaniumTelemetry");
      assertThat(webapp.get("hello.txt").statusCode()).isEqualTo(200);

      ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET"), Webapp.WAIT);
      assertThat(span.attribute("url.path")).isEqualTo("/hello.txt");
      assertThat(webapp.diagnostics()).as("no refusal where telemetry flows").doesNotContain("found: use");
    }
  }
}
