package io.scanium.telemetry.agenttests;

import com.example.agentapps.JettyUsersApp;

/** The servlet adapter on embedded Jetty 12, beside the OpenTelemetry Java agent. */
class JettyWithAgentTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.main(JettyUsersApp.class);
  }
}
