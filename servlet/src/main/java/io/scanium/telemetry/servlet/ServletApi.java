package io.scanium.telemetry.servlet;

/**
 * What differs between this jar and its javax.servlet twin, which is generated from these sources: the only file
 * of this package written by hand in each module (the javax module has its own).
 */
final class ServletApi {

  /** This jar's artifact. */
  static final String ARTIFACT = "scanium-telemetry-servlet";
  /** The servlet API this jar is for, and the containers that implement it. */
  static final String API = "jakarta.servlet (Servlet 5/6: Tomcat 10.1+, Jetty 12 ee10, Spring Boot 3)";
  /** The other servlet API, as the refusal names it. */
  static final String OTHER_API = "javax.servlet";
  /** The artifact for containers of the other API. */
  static final String OTHER_ARTIFACT = "scanium-telemetry-servlet-javax";
  /** The other artifact's initializer: when it is on the class path too, the application has the right jar. */
  static final String OTHER_INITIALIZER = "io.scanium.telemetry.servlet.javax.ScaniumServletContainerInitializer";

  private ServletApi() {}
}
