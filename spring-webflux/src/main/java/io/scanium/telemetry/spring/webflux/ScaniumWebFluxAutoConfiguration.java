package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.ScaniumTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Spring Boot auto-configuration (Boot 3.5 and 4.0) for reactive web applications: registers the telemetry
 * {@link WebFilter}. Uses the application context's {@link ScaniumTelemetry} bean (the Spring Boot starter's) when
 * there is one; otherwise the instance installed in the process ({@link ScaniumTelemetry#installed()}), or installs
 * one from the environment variables, which fails the application context with the configuration's message when
 * telemetry would be lost.
 *
 * <p>Only annotations and types that exist in both Boot lines are used here, and classes of optional modules are
 * named as strings, so one jar serves both.
 */
@AutoConfiguration(afterName = "io.scanium.telemetry.spring.boot.ScaniumTelemetryAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = {"org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono"})
public class ScaniumWebFluxAutoConfiguration {

  /** Created by Spring. */
  public ScaniumWebFluxAutoConfiguration() {}

  /** The filter; its telemetry is the context's bean, else the installed instance, else one installed now. */
  @Bean
  public WebFilter scaniumTelemetryWebFilter(ObjectProvider<ScaniumTelemetry> telemetry, OwnTelemetry own) {
    ScaniumTelemetry t = telemetry.getIfAvailable(own::acquire);
    return ScaniumWebFluxTelemetry.create(t).createWebFilter();
  }

  /** Telemetry installed by this auto-configuration, closed (spans and logs flushed) with the last context using it. */
  @Bean(destroyMethod = "close")
  OwnTelemetry scaniumWebFluxOwnTelemetry() {
    return new OwnTelemetry();
  }
}
