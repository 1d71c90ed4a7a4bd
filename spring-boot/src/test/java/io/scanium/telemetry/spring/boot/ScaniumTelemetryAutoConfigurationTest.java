package io.scanium.telemetry.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

/**
 * The auto-configuration in each kind of application context, configured through Spring properties only (the
 * runners' inlined properties are a Spring property source named "test", like application.properties). Nothing is
 * exported:
 * traces and logs go nowhere, and there is no scrape port.
 */
class ScaniumTelemetryAutoConfigurationTest {

  private static final String[] PROPERTIES = {
      "otel.service.name=runner-test", "otel.traces.exporter=none", "otel.logs.exporter=none",
      "scanium.metrics.port=off", "scanium.startup.report=false"};

  private static final AutoConfigurations STARTER = AutoConfigurations.of(ScaniumTelemetryAutoConfiguration.class);

  @Test
  void plainApplicationGetsTelemetryFromSpringPropertiesAndClosesIt() {
    new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(PROPERTIES).run(context -> {
      assertThat(context).hasSingleBean(ScaniumTelemetry.class).doesNotHaveBean(FilterRegistrationBean.class);
      ScaniumTelemetry telemetry = context.getBean(ScaniumTelemetry.class);
      assertThat(telemetry.serviceName()).isEqualTo("runner-test");
      assertThat(telemetry.startupReport()).contains("otel.service.name=runner-test (test via"
          + " Spring Environment)");
      assertThat(ScaniumTelemetry.installed()).contains(telemetry);
    });
    assertThat(ScaniumTelemetry.installed()).as("telemetry installed by the starter is closed with the context")
        .isEmpty();
  }

  @Test
  void servletApplicationGetsTheFilterFirstForRequestAsyncAndError() {
    new WebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(PROPERTIES).run(context -> {
      assertThat(context).hasSingleBean(FilterRegistrationBean.class);
      FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
      assertThat(registration.getFilterName()).isEqualTo(ScaniumServletTelemetry.FILTER_NAME);
      assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
      assertThat(registration.isAsyncSupported()).isTrue();
      assertThat(registration.getUrlPatterns()).containsExactly("/*");
      assertThat(registration).extracting("dispatcherTypes").asString()
          .contains(DispatcherType.REQUEST.name(), DispatcherType.ASYNC.name(), DispatcherType.ERROR.name());
    });
  }

  @Test
  void servletAutoRegisterFalseLeavesTheFilterToTheApplication() {
    new WebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(PROPERTIES)
        .withPropertyValues("scanium.servlet.auto.register=false")
        .run(context -> assertThat(context).hasSingleBean(ScaniumTelemetry.class)
            .doesNotHaveBean(FilterRegistrationBean.class));
  }

  @Test
  void reactiveApplicationGetsTelemetryWithoutServletFilter() {
    new ReactiveWebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(PROPERTIES)
        .run(context -> assertThat(context).hasSingleBean(ScaniumTelemetry.class)
            .doesNotHaveBean(FilterRegistrationBean.class));
  }

  @Test
  void telemetryInstalledBeforeSpringIsUsedAndLeftOpen() {
    ScaniumTelemetry own = ScaniumTelemetry.builder().environment(Map.of("OTEL_SERVICE_NAME", "installed-by-main",
        "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none", "SCANIUM_METRICS_PORT", "off",
        "SCANIUM_STARTUP_REPORT", "false")).shutdownHook(false).install();
    try {
      new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(PROPERTIES)
          .run(context -> assertThat(context.getBean(ScaniumTelemetry.class)).isSameAs(own));
      assertThat(ScaniumTelemetry.installed()).as("the application's own instance stays open").contains(own);
    } finally {
      own.close();
    }
  }

  @Test
  void configurationErrorFailsTheContextWithTheLibrarysMessage() {
    new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(PROPERTIES)
        .withPropertyValues("scanium.metrics.prot=9999").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOf(TelemetryConfigurationException.class)
              .hasMessageContaining("scanium.metrics.prot = \"9999\" (test via Spring Environment)");
        });
    assertThat(ScaniumTelemetry.installed()).isEmpty();
  }
}
