package io.scanium.telemetry.agenttests;

import com.example.agentapps.TomcatUsersApp;

/** The servlet adapter on embedded Tomcat, beside the OpenTelemetry Java agent. */
class TomcatWithAgentTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.main(TomcatUsersApp.class);
  }
}
