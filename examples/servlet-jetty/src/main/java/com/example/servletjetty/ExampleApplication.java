package com.example.servletjetty;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * The web application: the telemetry filter in front of everything, and one servlet for the API.
 *
 * <p>Exact mappings ({@code /health}) are route templates already; {@code /v1/items/*} is not, so its template is
 * declared. Paths no servlet maps reach the container's default servlet and are recorded as {@code __unmatched__}.
 */
final class ExampleApplication implements ServletContainerInitializer {

  private final ScaniumTelemetry telemetry;

  ExampleApplication(ScaniumTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    ScaniumServletTelemetry.builder(telemetry)
        .routes("/v1/items/{id}")
        .build()
        .register(context);
    context.addServlet("api", new ApiServlet())
        .addMapping("/health", "/v1/config", "/v1/items/*", "/v1/classify", "/v1/fail");
  }
}
