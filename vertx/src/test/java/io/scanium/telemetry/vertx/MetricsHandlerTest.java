package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The registry served on the application's port, negotiated by {@code Accept}, collected off the event loop. */
class MetricsHandlerTest extends VertxTestBase {

  private final List<String> collectingThreads = new CopyOnWriteArrayList<>();

  private URI start() throws Exception {
    GaugeWithCallback.builder().name("app_queue_depth").help("Depth of a queue of the application.")
        .callback(cb -> {
          collectingThreads.add(Thread.currentThread().getName());
          cb.call(3);
        }).register(telemetry.registry());
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/hello").handler(ctx -> ctx.response().end("hi"));
    router.get("/metrics").handler(vertxTelemetry.metricsHandler());
    return serve(router);
  }

  @Test
  void servesPrometheusTextByDefault() throws Exception {
    URI base = start();
    assertThat(get(base, "/hello").statusCode()).isEqualTo(200);
    assertRequests("GET", "/hello", "200", 1);

    HttpResponse<String> response = get(base, "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("scanium_http_requests_total{deployment_environment=\"test\",method=\"GET\",route=\"/hello\","
            + "service_name=\"vertx-service\",status_code=\"200\"} 1")
        .contains("app_queue_depth 3.0");
    assertThat(collectingThreads).as("threads that collected the registry").isNotEmpty()
        .noneMatch(name -> name.contains("eventloop"));
  }

  @Test
  void servesOpenMetricsWhenAsked() throws Exception {
    URI base = start();
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/metrics"))
        .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").GET());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(response.body()).contains("# TYPE app_queue_depth gauge").endsWith("# EOF\n");
  }

  @Test
  void servesTheProtobufFormatWhenAsked() throws Exception {
    URI base = start();
    HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve("/metrics"))
        .header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/vnd.google.protobuf"));
    assertThat(new String(response.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("app_queue_depth");
  }
}
