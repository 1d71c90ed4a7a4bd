package io.scanium.telemetry.agenttests;

import com.example.agentapps.JdkUsersApp;
import java.util.Map;

/**
 * The JDK HttpServer adapter on a server the agent does not instrument (its {@code java-http-server}
 * instrumentation off): the library must create the one SERVER span itself, through the agent's OpenTelemetry.
 */
class JdkHttpServerAgentInstrumentationOffTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.main(JdkUsersApp.class);
  }

  @Override
  protected Map<String, String> agentSettings() {
    return Map.of("OTEL_INSTRUMENTATION_JAVA_HTTP_SERVER_ENABLED", "false");
  }

  @Override
  protected String serverSpanScope() {
    return "io.scanium.telemetry.http";
  }
}
