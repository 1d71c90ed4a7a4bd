package io.scanium.telemetry.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Which of Spring's property sources the starter hands to the library, and how it names them. */
class SpringPropertySourcesTest {

  @Test
  void configFilesAreNamedByTheirFileName() {
    assertThat(SpringPropertySources.describe("Config resource 'class path resource [application-prod.properties]'"
        + " via location 'optional:classpath:/'")).isEqualTo("application-prod.properties via Spring Environment");
    assertThat(SpringPropertySources.describe("Config resource 'file [config/application.yaml]' via location"
        + " 'optional:file:./config/'")).isEqualTo("application.yaml via Spring Environment");
    assertThat(SpringPropertySources.describe("commandLineArgs")).isEqualTo("commandLineArgs via Spring Environment");
  }

  @Test
  void onlyOtelAndScaniumPropertiesOfNonProcessSourcesInSpringsOrder() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addLast(new MapPropertySource("Config resource 'class path resource"
        + " [application.properties]' via location 'optional:classpath:/'",
        Map.of("otel.service.name", "base", "server.port", "8080", "scanium.metrics.port", "${metrics:9100}")));
    env.getPropertySources().addFirst(new MapPropertySource("Config resource 'class path resource"
        + " [application-prod.properties]' via location 'optional:classpath:/'", Map.of("OTEL.SERVICE.NAME", "prod")));

    Map<String, Map<String, String>> sources = SpringPropertySources.of(env);

    assertThat(sources.keySet()).as("sources, highest precedence first").startsWith(
        "application-prod.properties via Spring Environment", "application.properties via Spring Environment");
    assertThat(sources.get("application-prod.properties via Spring Environment"))
        .containsExactlyEntriesOf(Map.of("otel.service.name", "prod"));
    assertThat(sources.get("application.properties via Spring Environment"))
        .as("placeholders resolved, Spring's own properties left out")
        .containsOnly(Map.entry("otel.service.name", "base"), Map.entry("scanium.metrics.port", "9100"));
    assertThat(sources.keySet()).as("system properties and environment variables are read by the library itself")
        .noneMatch(k -> k.startsWith("system"));
  }
}
