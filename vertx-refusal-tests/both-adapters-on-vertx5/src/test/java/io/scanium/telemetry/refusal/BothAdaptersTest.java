package io.scanium.telemetry.refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.TestEnvironment;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both Vert.x adapters on a Vert.x 5 application's class path (a platform BOM that brings both, say): the Vert.x 5
 * adapter instruments every request, the Vert.x 4.5 one refuses, and, since OpenTelemetry now finds two context
 * storage providers and uses neither, stderr says that the span no longer follows asynchronous steps.
 */
class BothAdaptersTest {

  @Test
  void theRightAdapterRecordsEveryRequestTheOtherRefusesAndTheLostContextIsSaid() throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ScaniumTelemetry telemetry = ScaniumTelemetry.builder()
            .environment(TestEnvironment.exportingTo(receiver.endpoint(), "both-adapters", "test"))
            .shutdownHook(false).build()) {
      assertThatThrownBy(() -> io.scanium.telemetry.vertx4.ScaniumVertxTelemetry.create(telemetry))
          .hasMessageStartingWith("Vert.x " + Vertx.class.getPackage().getImplementationVersion()
              + " found: use scanium-telemetry-vertx (");

      Vertx vertx = Vertx.vertx(new VertxOptions().setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry)));
      try {
        Router router = Router.router(vertx);
        ScaniumVertxTelemetry.create(telemetry).instrument(router);
        router.get("/items/:id").handler(ctx -> ctx.response().end(Span.current().getSpanContext().getTraceId()));
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.actualPort() + "/items/7")).timeout(Duration.ofSeconds(20))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /items/{id}"), Duration.ofSeconds(20));
        assertThat(response.body()).as("trace id current in the handler").isEqualTo(span.traceIdHex());
        Map<String, String> labels = Map.of("method", "GET", "route", "/items/{id}", "status_code", "200",
            "service_name", "both-adapters", "deployment_environment", "test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Scrape.of(telemetry.registry()).value("scanium_http_requests_total", labels) < 1
            && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(Scrape.of(telemetry.registry()).value("scanium_http_requests_total", labels))
            .as("scanium_http_requests_total%s", labels).isEqualTo(1);
      } finally {
        await(vertx.close());
      }
    } finally {
      System.setErr(originalErr);
      originalErr.print(stderr.toString(StandardCharsets.UTF_8));
    }
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("[scanium-telemetry] WARN vertx: OpenTelemetry does not use the context storage of"
            + " scanium-telemetry-vertx (")
        .contains("-Dio.opentelemetry.context.contextStorageProvider="
            + "io.scanium.telemetry.vertx.ScaniumVertxContextStorageProvider");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
