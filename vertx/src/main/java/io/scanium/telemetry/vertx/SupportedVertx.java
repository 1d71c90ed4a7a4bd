package io.scanium.telemetry.vertx;

/**
 * The Vert.x versions this artifact is compiled for. With package-info.java, the only main source file that
 * differs between this module and scanium-telemetry-vertx4, whose sources are generated from this module's at
 * build time (see vertx4/pom.xml).
 */
final class SupportedVertx {

  static final int MAJOR = 5;
  static final String VERSIONS = "5";
  static final String ARTIFACT = "scanium-telemetry-vertx";

  private SupportedVertx() {}
}
