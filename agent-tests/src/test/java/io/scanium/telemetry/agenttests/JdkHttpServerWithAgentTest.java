package io.scanium.telemetry.agenttests;

import com.example.agentapps.JdkUsersApp;

/** The JDK HttpServer adapter of core, beside the OpenTelemetry Java agent. */
class JdkHttpServerWithAgentTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.main(JdkUsersApp.class);
  }
}
