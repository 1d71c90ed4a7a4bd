package io.scanium.telemetry.servlet.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumTelemetry;
import java.net.http.HttpResponse;

/** What a refused deployment must look like: running, serving, no telemetry, and one line that says so. */
final class RefusalAssertions {

  private RefusalAssertions() {}

  static void assertRefusedLoudlyAndServing(Webapp webapp, String api, String artifact) throws Exception {
    assertThat(webapp.state()).as("the deployment is not failed by the refusal").isEqualTo("STARTED");
    String expected = "[scanium-telemetry] WARN " + Webapp.serverInfo() + " (" + api + ") found: use " + artifact
        + ".";
    assertThat(webapp.diagnostics().lines().filter(l -> l.startsWith(expected)))
        .as("one refusal line naming the container and the artifact to use, in:%n%s", webapp.diagnostics())
        .hasSize(1)
        .allSatisfy(l -> assertThat(l).contains("runs WITHOUT Scanium telemetry"));
    assertThat(webapp.filters()).as("no filter registered").isEmpty();
    assertThat(ScaniumTelemetry.installed()).as("no telemetry installed").isEmpty();

    HttpResponse<String> hello = webapp.get("hello.txt");
    assertThat(hello.statusCode()).as("the application's requests are served").isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello");
    assertThat(webapp.get("missing.txt").statusCode()).isEqualTo(404);
  }
}
