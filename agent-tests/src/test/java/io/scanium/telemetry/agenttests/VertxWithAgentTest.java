package io.scanium.telemetry.agenttests;

import com.example.agentapps.VertxUsersApp;

/** The Vert.x 5 adapter on a Vert.x Web router, beside the OpenTelemetry Java agent. */
class VertxWithAgentTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.main(VertxUsersApp.class);
  }
}
