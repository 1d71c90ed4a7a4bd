package com.example.servletjetty;

import io.scanium.telemetry.ScaniumTelemetry;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example API as plain Jakarta servlets in an embedded Jetty 12. The web application itself is
 * {@link ExampleApplication}, a {@code ServletContainerInitializer} that would run unchanged in Tomcat.
 *
 * <p>Configured only by environment variables: {@code PORT} (default 8080), {@code HOST} (default all interfaces)
 * and the library's {@code OTEL_*}/{@code SCANIUM_*} variables, read by {@link ScaniumTelemetry#install()}.
 *
 * <p>It lives in {@code com.example}, as your application would: the library never exports the log events of its
 * own {@code io.scanium.telemetry} loggers (a failing export must not log into the queue it fails to empty).
 */
public final class ServletJettyExample {

  private static final Logger log = LoggerFactory.getLogger(ServletJettyExample.class);

  private ServletJettyExample() {}

  /**
   * Starts the service and serves until the process is stopped.
   *
   * @param args ignored: everything comes from the environment, as in a container
   * @throws Exception when Jetty cannot start
   */
  public static void main(String[] args) throws Exception {
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(System.getenv().getOrDefault("HOST", "0.0.0.0"));
    connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")));
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(new ExampleApplication(telemetry));
    server.setHandler(context);
    // Stop accepting and finish in-flight requests on SIGTERM; the telemetry's own hook flushes spans and logs.
    server.setStopAtShutdown(true);
    server.start();
    log.info("servlet-jetty example listening on http://{}:{}", connector.getHost(), connector.getLocalPort());
    server.join();
  }
}
