package io.scanium.telemetry.spring.webflux.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same application with {@code spring-boot-starter-actuator} and {@code micrometer-registry-prometheus} added:
 * everything of {@link WebFluxAppTest} holds, and Actuator's own Prometheus endpoint works beside the telemetry.
 */
abstract class WebFluxActuatorAppTest extends WebFluxAppTest {

  @Override
  Map<String, String> extraEnvironment() {
    return Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,prometheus");
  }

  @Test
  void actuatorPrometheusEndpointWorksBesideTheTelemetry() throws Exception {
    HttpResponse<String> actuator = get("/actuator/prometheus", Map.of());
    assertThat(actuator.statusCode()).as("status of /actuator/prometheus").isEqualTo(200);
    assertThat(get("/actuator/prometheus", Map.of()).body()).as("Micrometer's series on /actuator/prometheus")
        .contains("http_server_requests_seconds_count");
    awaitRequests("/actuator/prometheus", "200", 2);
  }
}
