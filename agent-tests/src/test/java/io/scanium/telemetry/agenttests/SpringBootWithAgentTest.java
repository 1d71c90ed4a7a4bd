package io.scanium.telemetry.agenttests;

import java.util.List;

/**
 * The Spring Boot starter, beside the OpenTelemetry Java agent: the repackaged Boot 3 MVC application on Tomcat of
 * spring-boot-tests, whose {@code GET /shop/orders/{id}} logs two events (an INFO, an ERROR with an exception).
 */
class SpringBootWithAgentTest extends AgentCompanionTest {

  @Override
  protected AppLaunch launch() {
    return AppLaunch.springBoot();
  }

  @Override
  protected String route() {
    return "/shop/orders/{id}";
  }

  @Override
  protected String path(String id) {
    return "/shop/orders/" + id;
  }

  @Override
  protected List<String> logBodies(String id) {
    return List.of("order " + id + " looked up", "order " + id + " failed to load");
  }
}
