package com.example.boot27;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.servlet.javax.ScaniumServletTelemetry;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A Spring Boot 2.7 service (embedded Tomcat 9, javax.servlet) instrumented as docs/servlet-javax.md says: telemetry
 * installed from the environment, the javax filter registered with a {@link FilterRegistrationBean}, first in the
 * chain, for REQUEST and ASYNC dispatches, async supported.
 */
@SpringBootApplication
public class Boot27Application {

  /** Starts the service. */
  public static void main(String[] args) {
    SpringApplication.run(Boot27Application.class, args);
  }

  /** Telemetry from the OTEL_* and SCANIUM_* variables; closed with the application context. */
  @Bean(destroyMethod = "close")
  ScaniumTelemetry scaniumTelemetry() {
    return ScaniumTelemetry.install();
  }

  /** The filter, registered as Spring Boot registers filters (embedded servers ignore initializers). */
  @Bean
  FilterRegistrationBean<Filter> scaniumTelemetryFilter(ScaniumTelemetry telemetry) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(ScaniumServletTelemetry.create(telemetry).createFilter());
    registration.setName(ScaniumServletTelemetry.FILTER_NAME);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
    registration.addUrlPatterns("/*");
    return registration;
  }
}
