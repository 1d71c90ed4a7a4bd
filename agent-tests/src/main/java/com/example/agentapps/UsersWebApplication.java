package com.example.agentapps;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * The web application of the Jetty and Tomcat test applications: the telemetry filter with the route template
 * ({@code /users/*} is no template), and the users servlet.
 */
final class UsersWebApplication implements ServletContainerInitializer {

  private final ScaniumTelemetry telemetry;

  UsersWebApplication(ScaniumTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    ScaniumServletTelemetry.builder(telemetry).routes(Users.ROUTE).build().register(context);
    context.addServlet("users", new UsersServlet()).addMapping("/users/*");
  }
}
