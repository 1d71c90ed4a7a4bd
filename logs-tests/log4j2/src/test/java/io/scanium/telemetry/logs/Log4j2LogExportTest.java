package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.ReceivedLog;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

/** The log export contract with Log4j2 through log4j-slf4j2-impl (log4j2-test.xml), plus what only Log4j2 has. */
class Log4j2LogExportTest extends Slf4j2LogExportContract {

  @Override
  protected String backend() {
    return "log4j2";
  }

  /**
   * Log4j2 offers no hook to attach an appender before its configuration is read, so events logged before install
   * are kept only by an OpenTelemetry appender the configuration declares; install binds it.
   */
  @Override
  protected void beforeEventsLoggedBeforeInstall() {
    reconfigure("/log4j2-declared.xml");
  }

  @Override
  protected void afterEventsLoggedBeforeInstall() {
    reconfigure("/log4j2-test.xml");
  }

  private static void reconfigure(String resource) {
    try {
      Configurator.reconfigure(Log4j2LogExportTest.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void declaredAppenderIsBoundInsteadOfAddingOne() {
    reconfigure("/log4j2-declared.xml");
    try {
      install(Map.of());
      assertThat(telemetry.startupReport()).contains("declared in the Log4j2 configuration (OTEL)");
      String body = "declared " + UUID.randomUUID();
      APP.info(body);
      receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
      // One appender, one record: ours was not added beside the declared one.
      assertThat(receiver.logs()).filteredOn(l -> body.equals(l.body())).hasSize(1);
    } finally {
      reconfigure("/log4j2-test.xml");
    }
  }

  @Test
  void exportSurvivesAReconfiguration() {
    install(Map.of());
    reconfigure("/log4j2-test.xml");
    String body = "after reconfigure " + UUID.randomUUID();
    APP.info(body);
    receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(console()).contains(" - " + body);
  }
}
