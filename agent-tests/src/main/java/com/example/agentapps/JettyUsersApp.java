package com.example.agentapps;

import io.scanium.telemetry.ScaniumTelemetry;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The users service on embedded Jetty 12 (ee10), configured by environment variables only. */
public final class JettyUsersApp {

  private JettyUsersApp() {}

  /** Serves on 127.0.0.1 and a free port until the process is stopped. */
  public static void main(String[] args) throws Exception {
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(new UsersWebApplication(telemetry));
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    Users.ready(connector.getLocalPort());
    server.join();
  }
}
