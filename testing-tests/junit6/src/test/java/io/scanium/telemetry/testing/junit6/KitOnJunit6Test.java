package io.scanium.telemetry.testing.junit6;

import static io.scanium.telemetry.testing.TelemetryAssertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import io.scanium.telemetry.testing.ScaniumTelemetryExtension;
import io.scanium.telemetry.testing.TelemetryCapture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit, as a JUnit 6 project uses it: discovered, run, and its assertions working. */
class KitOnJunit6Test {

  @RegisterExtension
  static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create().withServiceName("catalog");

  @Test
  void theKitRunsOnTheProjectsJunit(TelemetryCapture capture) throws Exception {
    Assertions.assertThat(Test.class.getPackage().getImplementationVersion()).as("JUnit Jupiter on the class path")
        .startsWith("6.");
    ScaniumTelemetry installed = ScaniumTelemetry.installed().orElseThrow();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/items/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    }).getFilters().add(JdkHttpServerTelemetry.builder(installed).routes("/v1/items/{id}").build().createFilter());
    server.start();
    try {
      HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/items/7")).build(),
          HttpResponse.BodyHandlers.discarding());
      Assertions.assertThat(response.statusCode()).isEqualTo(200);
      assertThat(capture).httpRequests().withMethod("GET").withRoute("/v1/items/{id}").withStatus(200).hasCount(1);
    } finally {
      server.stop(0);
    }
  }
}
