package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.scanium.telemetry.receiver.ReceivedLog;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The log export contract on Logback 1.2.13 with SLF4J 1.7.36 (Spring Boot 2.7's versions) and a logback-test.xml.
 * SLF4J 1.7 has no key-value API, so this runs the base contract, not {@link Slf4j2LogExportContract}.
 */
class Logback12LogExportTest extends LogExportContract {

  @Override
  protected String backend() {
    return "logback";
  }

  /**
   * Logback 1.2 runs the library's early hook only when it finds no configuration file; with one, events logged
   * before install are kept by an OpenTelemetry appender the configuration declares, which install binds.
   */
  @Override
  protected void beforeEventsLoggedBeforeInstall() {
    load("/logback-declared.xml");
  }

  @Override
  protected void afterEventsLoggedBeforeInstall() {
    load("/logback-test.xml");
  }

  @Test
  void theApplicationKeepsItsOwnSlf4jAndLogback() {
    assertThat(LoggerFactory.class.getPackage().getImplementationVersion()).as("slf4j-api on the class path")
        .isEqualTo(System.getProperty("expected.slf4j.version"));
    assertThat(LoggerFactory.getILoggerFactory()).as("SLF4J's logger factory").isInstanceOf(LoggerContext.class);
    install(Map.of());
    assertThat(telemetry.startupReport()).as("slf4j logs: line of the startup report")
        .contains("slf4j logs: logback " + System.getProperty("expected.logback.version") + ": ")
        .contains("bound to this SDK");
  }

  @Test
  void theReportSaysEventsBeforeInstallWereNotKeptWithoutADeclaredAppender() {
    install(Map.of());
    assertThat(telemetry.startupReport())
        .contains("events logged before the first install are not kept;\n")
        .contains("Logback 1.2 runs the library's early hook only when there is no configuration file;");
  }

  @Test
  void exportSurvivesAReloadOfTheConfiguration() {
    install(Map.of());
    load("/logback-test.xml");
    String body = "after reload " + UUID.randomUUID();
    APP.info(body);
    receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(console()).contains(body);
  }

  private static void load(String resource) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(ctx);
    try {
      configurator.doConfigure(Logback12LogExportTest.class.getResource(resource));
    } catch (ch.qos.logback.core.joran.spi.JoranException e) {
      throw new IllegalStateException("cannot load " + resource, e);
    }
  }
}
