package com.example.boot27;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.ChildJvm;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spring Boot 2.7 application of this module, started once in a child JVM as it would run (its runtime class
 * path, configured by environment variables only), exporting to a real OTLP receiver and scraped on its dedicated
 * port.
 */
class Boot27ApplicationTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern STARTED = Pattern.compile("Tomcat started on port\\(s\\): (\\d+)");

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static OtlpReceiver receiver;
  private static ChildJvm application;
  private static URI base;
  private static URI scrape;

  @BeforeAll
  static void startApplication() throws Exception {
    receiver = OtlpReceiver.start();
    int scrapePort = FreePort.pick();
    scrape = URI.create("http://127.0.0.1:" + scrapePort + "/metrics");
    String classpath = "target/classes" + File.pathSeparator
        + Files.readString(Path.of("target", "application.classpath")).trim();
    application = ChildJvm.start(classpath, Boot27Application.class.getName(), Map.of(
        "OTEL_SERVICE_NAME", "boot27-shop",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "20",
        "SCANIUM_METRICS_PORT", Integer.toString(scrapePort),
        "SCANIUM_METRICS_HOST", "127.0.0.1",
        "SCANIUM_JVM_METRICS", "false"), "--server.port=0", "--server.address=127.0.0.1");
    int port = application.await("'Tomcat started on port(s)' line", line -> {
      Matcher m = STARTED.matcher(line);
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }, WAIT);
    base = URI.create("http://127.0.0.1:" + port + "/");
  }

  @AfterAll
  static void stopApplication() throws Exception {
    try {
      if (application != null) {
        application.close();
      }
    } finally {
      receiver.close();
    }
  }

  @Test
  void requestGetsTheSpringRouteASpanAndTheSeries() throws Exception {
    HttpResponse<String> response = get("items/42");

    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.inTrace(response.body()), WAIT);
    assertThat(span.name()).as("the span in the trace current in the controller").isEqualTo("GET /items/{id}");
    assertThat(span.attribute("url.path")).isEqualTo("/items/42");
    assertThat(span.resourceAttribute("service.name")).isEqualTo("boot27-shop");
    awaitCount(Map.of("route", "/items/{id}", "status_code", "200", "service_name", "boot27-shop"), 1);
  }

  @Test
  void errorAnsweredBySpringIsRecordedWithItsStatusAndRoute() throws Exception {
    assertThat(get("items/missing").statusCode()).isEqualTo(404);

    awaitCount(Map.of("route", "/items/{id}", "status_code", "404"), 1);
  }

  @Test
  void asyncControllerIsRecordedOnceAtCompletion() throws Exception {
    HttpResponse<String> response = get("slow/7");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("slow 7");
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /slow/{id}"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("200");
    awaitCount(Map.of("route", "/slow/{id}", "status_code", "200"), 1);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private static void awaitCount(Map<String, String> labels, double expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    double count = 0;
    while (System.nanoTime() < deadline) {
      count = Scrape.of(get(scrape).body()).value("scanium_http_requests_total", labels);
      if (count >= expected) {
        break;
      }
      Thread.sleep(10);
    }
    assertThat(count).as("scanium_http_requests_total%s on the scrape port", labels).isEqualTo(expected);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(base.resolve(path));
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(uri).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
