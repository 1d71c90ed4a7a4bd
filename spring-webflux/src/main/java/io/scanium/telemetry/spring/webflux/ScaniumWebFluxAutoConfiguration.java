package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.internal.Diagnostics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * Spring Boot auto-configuration (Boot 3.5 and 4.0) for reactive web applications: registers the telemetry
 * {@link WebFilter}. Uses the application context's {@link ScaniumTelemetry} bean (the Spring Boot starter's) when
 * there is one; otherwise the instance installed in the process ({@link ScaniumTelemetry#installed()}), or installs
 * one from the environment variables, which fails the application context with the configuration's message when
 * telemetry would be lost.
 *
 * <p>In a servlet application without the Spring Boot starter it registers nothing and prints one warning on stderr,
 * since nothing of the application would be recorded.
 *
 * <p>Only annotations and types that exist in both Boot lines are used here, and classes of optional modules are
 * named as strings, so one jar serves both.
 */
@AutoConfiguration(afterName = "io.scanium.telemetry.spring.boot.ScaniumTelemetryAutoConfiguration")
public class ScaniumWebFluxAutoConfiguration {

  /** Created by Spring. */
  public ScaniumWebFluxAutoConfiguration() {}

  /** The filter, for reactive web applications. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = {"org.springframework.web.server.WebFilter", "reactor.core.publisher.Mono"})
  static class Reactive {

    /** The filter; its telemetry is the context's bean, else the installed instance, else one installed now. */
    @Bean
    WebFilter scaniumTelemetryWebFilter(ObjectProvider<ScaniumTelemetry> telemetry, OwnTelemetry own) {
      ScaniumTelemetry t = telemetry.getIfAvailable(own::acquire);
      return ScaniumWebFluxTelemetry.create(t).createWebFilter();
    }

    /** Telemetry installed here, closed (spans and logs flushed) with the last context using it. */
    @Bean(destroyMethod = "close")
    OwnTelemetry scaniumWebFluxOwnTelemetry() {
      return new OwnTelemetry();
    }
  }

  /**
   * A servlet application (Spring MVC) with only this module: nothing would be instrumented, so it says so once,
   * unless the Spring Boot starter, which instruments servlet applications, is there.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnMissingClass("io.scanium.telemetry.spring.boot.ScaniumTelemetryAutoConfiguration")
  static class Servlet {

    static final String WARNING = "[scanium-telemetry] WARN scanium-telemetry-spring-webflux instruments Spring"
        + " WebFlux only, and this is a servlet (Spring MVC) application: its requests are NOT recorded. Use"
        + " scanium-telemetry-spring-boot instead.";

    Servlet() {
      Diagnostics.print(WARNING);
    }
  }
}
