package io.scanium.telemetry.spring.boot;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spring Boot 3.5+ and 4.0 auto-configuration: with {@code scanium-telemetry-spring-boot} on the classpath and the
 * {@code OTEL_*} variables set, the application gets its {@code scanium_http_*} series, a server span per request
 * and its logs over OTLP, with nothing to write.
 *
 * <ul>
 *   <li>A {@link ScaniumTelemetry} bean in every kind of application (servlet, reactive, none): installed from the
 *       environment variables, system properties and Spring's {@code Environment} ({@code application.properties},
 *       YAML, profiles: {@code otel.service.name}, {@code scanium.metrics.port}), or the instance the application
 *       installed before Spring started. Telemetry installed here is closed with the context. A configuration that
 *       would lose telemetry fails the context with {@link io.scanium.telemetry.TelemetryConfigurationException}.</li>
 *   <li>In a servlet web application: the servlet module's filter, first in the chain, for the {@code REQUEST},
 *       {@code ASYNC} and {@code ERROR} dispatches; the route is Spring MVC's best-matching pattern. Off with
 *       {@code SCANIUM_SERVLET_AUTO_REGISTER=false}, for applications that register it themselves.</li>
 *   <li>With {@code micrometer-registry-prometheus}: the library's JVM series are off by default (Micrometer exports
 *       its own, with other labels), and with {@code SCANIUM_METRICS_ACTUATOR=true} Micrometer writes into the
 *       library's registry, so {@code /actuator/prometheus} serves the {@code scanium_*} series too.</li>
 * </ul>
 *
 * <p>It refers to no class that moved between Boot 3 and 4: conditions name optional classes by string, and the
 * servlet registration uses {@link FilterRegistrationBean}, which both lines keep in {@code spring-boot}.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus"
        + ".PrometheusMetricsExportAutoConfiguration"
})
public class ScaniumTelemetryAutoConfiguration {

  /** Installs telemetry (or adopts the installed instance) and closes what it installed with the context. */
  @Bean
  InstalledTelemetry scaniumInstalledTelemetry(ConfigurableEnvironment environment) {
    return InstalledTelemetry.acquire(environment);
  }

  /** The telemetry: its SDK, registry and HTTP engine, for instrumentation of the application's own. */
  @Bean(destroyMethod = "")
  public ScaniumTelemetry scaniumTelemetry(InstalledTelemetry installed) {
    return installed.telemetry();
  }

  /** The servlet filter, for Spring MVC (and any servlet) on Boot's embedded Tomcat, Jetty or Undertow. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  @Conditional(SettingCondition.ServletAutoRegister.class)
  static class ServletFilterConfiguration {

    /**
     * First in the chain, so that the span is current in every other filter (security, logging) and their time is
     * measured. ERROR dispatches continue the request's context, so logs of error pages carry its trace id; they
     * never start a second observation.
     */
    @Bean
    FilterRegistrationBean<Filter> scaniumTelemetryFilter(ScaniumTelemetry telemetry) {
      FilterRegistrationBean<Filter> registration =
          new FilterRegistrationBean<>(ScaniumServletTelemetry.create(telemetry).createFilter());
      registration.setName(ScaniumServletTelemetry.FILTER_NAME);
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      registration.setAsyncSupported(true);
      registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
      registration.addUrlPatterns("/*");
      return registration;
    }
  }

  /**
   * With {@code SCANIUM_METRICS_ACTUATOR=true}: the library's registry is the {@link PrometheusRegistry} Boot's
   * Prometheus export uses (its bean is conditional on a missing one), so both the dedicated port and
   * {@code /actuator/prometheus} serve every series, once.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {
      "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
      "io.prometheus.metrics.model.registry.PrometheusRegistry"})
  @Conditional(SettingCondition.ActuatorRegistry.class)
  static class ActuatorRegistryConfiguration {

    @Bean
    PrometheusRegistry prometheusRegistry(ScaniumTelemetry telemetry) {
      return telemetry.registry();
    }
  }
}
