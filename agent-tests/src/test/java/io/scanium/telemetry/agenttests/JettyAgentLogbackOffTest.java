package io.scanium.telemetry.agenttests;

import com.example.agentapps.JettyUsersApp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The servlet adapter on Jetty with the agent's Logback instrumentation off: the library's own appender must then
 * export each log event, once, through the agent's OpenTelemetry.
 */
class JettyAgentLogbackOffTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.main(JettyUsersApp.class);
  }

  @Override
  protected Map<String, String> agentSettings() {
    return Map.of("OTEL_INSTRUMENTATION_LOGBACK_APPENDER_ENABLED", "false");
  }

  /** Otherwise the one record per event could still be the agent's, and this case would prove nothing more. */
  @Test
  void theLibraryAttachesItsOwnAppender() throws Exception {
    assertThat(app().awaitReportLine("slf4j logs", WAIT)).as("startup report's slf4j logs line, the agent's Logback"
        + " instrumentation off").contains("appender is attached").doesNotContain("agent");
  }
}
