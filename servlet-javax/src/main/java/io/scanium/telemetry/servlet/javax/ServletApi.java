package io.scanium.telemetry.servlet.javax;

/**
 * What differs between this jar and the Jakarta module its other sources are generated from: the only file of this
 * package written by hand.
 */
final class ServletApi {

  /** This jar's artifact. */
  static final String ARTIFACT = "scanium-telemetry-servlet-javax";
  /** The servlet API this jar is for, and the containers that implement it. */
  static final String API = "javax.servlet (Servlet 3.1/4.0: Tomcat 9, Jetty 9.4/10, Spring Boot 2.7)";
  /** The other servlet API, as the refusal names it. */
  static final String OTHER_API = "jakarta.servlet";
  /** The artifact for containers of the other API. */
  static final String OTHER_ARTIFACT = "scanium-telemetry-servlet";
  /** The other artifact's initializer: when it is on the class path too, the application has the right jar. */
  static final String OTHER_INITIALIZER = "io.scanium.telemetry.servlet.ScaniumServletContainerInitializer";

  private ServletApi() {}
}
