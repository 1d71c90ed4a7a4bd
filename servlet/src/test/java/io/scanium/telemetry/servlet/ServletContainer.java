package io.scanium.telemetry.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A real servlet container on 127.0.0.1 and a free port, with one web application set up through the Servlet API
 * only (initializers calling {@code addServlet}/{@code addFilter}), so that every test runs unchanged on Jetty and
 * Tomcat.
 */
interface ServletContainer {

  /**
   * Starts the container with one web application.
   *
   * @param contextPath {@code ""} for the root
   * @param initParameters context parameters, as {@code web.xml} would give them
   * @param initializers run in this order at the application's start
   * @return the application's base URI, ending in {@code /}
   * @throws Exception when the application fails to start
   */
  URI start(String contextPath, Map<String, String> initParameters, List<ServletContainerInitializer> initializers)
      throws Exception;

  /** Starts the root application. */
  default URI start(ServletContainerInitializer... initializers) throws Exception {
    return start("", Map.of(), List.of(initializers));
  }

  /** Stops the container (the application's context listeners run). */
  void close() throws Exception;
}
