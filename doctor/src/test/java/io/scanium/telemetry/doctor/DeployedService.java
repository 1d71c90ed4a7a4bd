package io.scanium.telemetry.doctor;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the doctor examines, all real: a service (the library on the JDK HttpServer) that has served one request,
 * exporting to an {@link OtlpReceiver} as its collector, and a Prometheus that has scraped it.
 */
final class DeployedService implements AutoCloseable {

  static final String SERVICE = "doctor-test";

  final OtlpReceiver collector;
  final Map<String, String> environment;
  final ScaniumTelemetry telemetry;
  final HttpServer server;
  final PrometheusServer prometheus;

  private DeployedService(OtlpReceiver collector, Map<String, String> environment, ScaniumTelemetry telemetry,
      HttpServer server, PrometheusServer prometheus) {
    this.collector = collector;
    this.environment = environment;
    this.telemetry = telemetry;
    this.server = server;
    this.prometheus = prometheus;
  }

  /** Starts everything and waits (with a deadline) until Prometheus answers the service's request counter. */
  static DeployedService start(Path binary, Path dir) throws IOException, InterruptedException {
    OtlpReceiver collector = OtlpReceiver.start();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", SERVICE);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    env.put("SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()));
    env.put("SCANIUM_STARTUP_REPORT", "false");
    ScaniumTelemetry telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    HttpContext context = server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    context.getFilters().add(JdkHttpServerTelemetry.builder(telemetry).routes("/hello").build().createFilter());
    server.start();
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.getAddress().getPort() + "/hello")).build(), HttpResponse.BodyHandlers.discarding());
    PrometheusServer prometheus = PrometheusServer.start(binary, Map.of(SERVICE, telemetry.scrapePort()),
        Files.createDirectories(dir.resolve("prometheus")));
    prometheus.awaitQuery("scanium_http_requests_total{service_name=\"" + SERVICE + "\"}", r -> !r.isEmpty(),
        Duration.ofSeconds(60));
    return new DeployedService(collector, Map.copyOf(env), telemetry, server, prometheus);
  }

  /** The scrape URL as the doctor is given it. */
  String scrapeUrl() {
    return telemetry.scrapeUri().orElseThrow().toString();
  }

  /** The doctor's arguments against this service and its Prometheus. */
  List<String> arguments() {
    return List.of("doctor", "--scrape-url", scrapeUrl(), "--prometheus-url", prometheus.uri().toString());
  }

  @Override
  public void close() {
    prometheus.close();
    server.stop(0);
    telemetry.close();
    collector.close();
  }
}
