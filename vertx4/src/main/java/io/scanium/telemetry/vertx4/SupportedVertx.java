package io.scanium.telemetry.vertx4;

/**
 * The Vert.x versions this artifact is compiled for. With package-info.java, this module's only hand-written main
 * source: the rest is generated at build time from scanium-telemetry-vertx's sources (see this module's pom.xml).
 */
final class SupportedVertx {

  static final int MAJOR = 4;
  static final String VERSIONS = "4.5";
  static final String ARTIFACT = "scanium-telemetry-vertx4";

  private SupportedVertx() {}
}
