package io.scanium.telemetry.spring.boot.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A Spring MVC application with {@code spring-boot-starter-actuator} and {@code micrometer-registry-prometheus}:
 * everything the plain application does, plus coexistence with Micrometer's Prometheus endpoint.
 */
abstract class BootMvcActuatorApplicationTest extends BootMvcApplicationTest {

  @Override
  Map<String, String> environment() {
    return Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,prometheus");
  }

  @Test
  void noMetricNameIsInBothScrapesWithDifferentLabelSets() throws Exception {
    // The route is shared with other tests of this application: wait for the series, whatever its count.
    app.get("/contract/items/1");
    awaitRequests("/contract/items/{id}", "200", 0);
    HttpResponse<String> actuator = app.get("/actuator/prometheus");
    assertThat(actuator.statusCode()).as("/actuator/prometheus").isEqualTo(200);
    Map<String, Set<Set<String>>> ours = labelSets(scrape());
    Map<String, Set<Set<String>>> micrometer = labelSets(Scrape.of(actuator.body()));
    assertThat(micrometer).as("Micrometer's series").containsKey("jvm_memory_used_bytes");
    Map<String, String> clashes = new TreeMap<>();
    for (String name : ours.keySet()) {
      if (micrometer.containsKey(name) && !micrometer.get(name).equals(ours.get(name))) {
        clashes.put(name, "ours " + ours.get(name) + " vs Micrometer's " + micrometer.get(name));
      }
    }
    assertThat(clashes).as("metric names in both scrapes with different label sets").isEmpty();
    assertThat(ours.keySet()).as("our JVM series are off beside Micrometer's").noneMatch(n -> n.startsWith("jvm_"));
    assertThat(app.output()).as("startup report")
        .contains("JVM metrics OFF  <- scanium.jvm.metrics=false (Spring Boot starter: micrometer-registry-prometheus"
            + " is present");
  }

  @Test
  void actuatorOptionServesOurSeriesThroughActuatorToo() throws Exception {
    try (OtlpReceiver otherReceiver = OtlpReceiver.start();
        BootApp other = BootApp.start(application(), Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", otherReceiver.endpoint(),
            "SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()),
            "SCANIUM_METRICS_HOST", "127.0.0.1",
            "SCANIUM_METRICS_ACTUATOR", "true",
            "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "prometheus"))) {
      assertThat(other.get("/contract/items/5").statusCode()).isEqualTo(200);
      Map<String, String> labels = Map.of("route", "/contract/items/{id}", "status_code", "200");
      long deadline = System.nanoTime() + WAIT.toNanos();
      Scrape scrape = Scrape.of(other.get("/actuator/prometheus").body());
      while (scrape.value("scanium_http_requests_total", labels) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        scrape = Scrape.of(other.get("/actuator/prometheus").body());
      }
      assertThat(scrape.value("scanium_http_requests_total", labels))
          .as("scanium_http_requests_total%s on /actuator/prometheus", labels).isEqualTo(1);
      assertThat(scrape.samples().keySet()).as("Micrometer's own series stay on /actuator/prometheus")
          .anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
    }
  }

  @Test
  void managementPortOnTheScrapePortFailsNamingBothSettings() throws Exception {
    int port = FreePort.pick();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("SCANIUM_METRICS_PORT", Integer.toString(port));
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    env.put("MANAGEMENT_SERVER_PORT", Integer.toString(port));
    try (BootApp failing = BootApp.launch(application(), env)) {
      assertThat(failing.awaitExit()).as("exit code of an application that failed to start").isNotZero();
      assertThat(failing.output())
          .contains("management.server.port = \"" + port + "\"")
          .contains("SCANIUM_METRICS_PORT")
          .doesNotContain("SCANIUM-APP READY");
    }
  }

  /** Metric family (sample name without the histogram and counter suffixes) to the label-name sets it has. */
  private static Map<String, Set<Set<String>>> labelSets(Scrape scrape) {
    Map<String, Set<Set<String>>> sets = new TreeMap<>();
    for (String key : scrape.samples().keySet()) {
      String name = Scrape.nameOf(key).replaceAll("_(bucket|count|sum|total|created)$", "");
      Set<String> labels = new TreeSet<>(Scrape.labelsOf(key).keySet());
      labels.remove("le");
      labels.remove("quantile");
      sets.computeIfAbsent(name, n -> new HashSet<>()).add(labels);
    }
    return sets;
  }
}
