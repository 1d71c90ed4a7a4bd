package com.example.agentapps;

import io.scanium.telemetry.ScaniumTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/** The users service on embedded Tomcat, configured by environment variables only. */
public final class TomcatUsersApp {

  private TomcatUsersApp() {}

  /** Serves on 127.0.0.1 and a free port until the process is stopped. */
  public static void main(String[] args) throws Exception {
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();
    Path baseDir = Files.createTempDirectory("tomcat-users");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    context.addServletContainerInitializer(new UsersWebApplication(telemetry), null);
    // As in every deployed web application: without a default servlet Tomcat answers unmapped paths 404 itself,
    // before any filter, so they would not be recorded at all.
    Tomcat.addServlet(context, "default", new DefaultServlet());
    context.addServletMappingDecoded("/", "default");
    tomcat.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tomcat.stop();
        tomcat.destroy();
      } catch (LifecycleException e) {
        // Exiting anyway.
      }
    }, "tomcat-users-shutdown"));
    Users.ready(connector.getLocalPort());
    tomcat.getServer().await();
  }
}
