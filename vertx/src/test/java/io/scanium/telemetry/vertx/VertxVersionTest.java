package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** The version this adapter reads from the class path, and the messages of its refusals. */
class VertxVersionTest {

  @Test
  void theVertxOfThisBuildIsReadAndSupported() {
    VertxVersion.Found found = VertxVersion.found();
    assertThat(found.version).as("META-INF/vertx/vertx-version.txt of vertx-core")
        .isEqualTo(Vertx.class.getPackage().getImplementationVersion());
    assertThat(VertxVersion.major(found.version)).isEqualTo(SupportedVertx.MAJOR);
    assertThat(found.supported).isTrue();
    VertxVersion.require();
  }

  @Test
  void eachRefusalNamesTheVersionFoundAndTheArtifactToUse() {
    assertThat(VertxVersion.refusal("4.5.27")).startsWith("Vert.x 4.5.27 found: use scanium-telemetry-vertx4 (");
    assertThat(VertxVersion.refusal("5.0.5")).startsWith("Vert.x 5.0.5 found: use scanium-telemetry-vertx (");
    assertThat(VertxVersion.refusal("4.4.9")).startsWith("Vert.x 4.4.9 found: not supported, upgrade to Vert.x 4.5");
    assertThat(VertxVersion.refusal("3.9.16")).startsWith("Vert.x 3.9.16 found: not supported");
    assertThat(VertxVersion.refusal(null)).startsWith("no Vert.x found on the class path: " + SupportedVertx.ARTIFACT);
    assertThat(VertxVersion.refusal("4.5.27")).endsWith(SupportedVertx.ARTIFACT + " supports Vert.x "
        + SupportedVertx.VERSIONS + " only)");
  }

  @Test
  void withoutVertxOnTheClassPathNothingIsSupported() {
    ClassLoader jdkOnly = ClassLoader.getPlatformClassLoader();
    VertxVersion.Found found = VertxVersion.detect(jdkOnly);
    assertThat(found.version).isNull();
    assertThat(found.supported).isFalse();
  }

  @Test
  void versionsAreParsedLeniently() {
    assertThat(VertxVersion.major("4.5.27")).isEqualTo(4);
    assertThat(VertxVersion.minor("4.5.27")).isEqualTo(5);
    assertThat(VertxVersion.major("5.1.0-SNAPSHOT")).isEqualTo(5);
    assertThat(VertxVersion.major("unknown")).isEqualTo(-1);
    assertThat(VertxVersion.minor("5")).isEqualTo(-1);
    assertThat(VertxVersion.refusal("(version unknown)"))
        .contains("use scanium-telemetry-vertx4 for Vert.x 4.5, scanium-telemetry-vertx for Vert.x 5");
  }
}
