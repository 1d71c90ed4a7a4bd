package com.example.plainjdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.context.Scope;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.RouteMatcher;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generic-API snippet of docs/demo.md, compiled and run: instrumenting a server through
 * {@link HttpServerInstrumenter} directly gives the same series and spans as the packaged JDK HttpServer adapter.
 */
class GenericApiSnippetTest {

  @Test
  @SuppressWarnings("try") // the snippet's scope is only closed, as scopes are
  void theGenericApiSnippetRecordsRouteTemplatesStatusesAndSpans() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        ScaniumTelemetry telemetry = ScaniumTelemetry.builder()
            .environment(Map.of("OTEL_SERVICE_NAME", "snippet", "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                "SCANIUM_METRICS_PORT", "0", "SCANIUM_STARTUP_REPORT", "false", "OTEL_BSP_SCHEDULE_DELAY", "100"))
            .shutdownHook(false)
            .build()) {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      HttpHandler application = exchange -> {
        int status = exchange.getRequestURI().getPath().endsWith("/42") ? 200 : 404;
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      };

      // --8<-- [start:snippet]
      HttpServerInstrumenter<HttpExchange> instrumenter = telemetry.http().instrumenter(
          new HttpRequestGetter<HttpExchange>() {
            @Override
            public String method(HttpExchange exchange) {
              return exchange.getRequestMethod();
            }

            @Override
            public String path(HttpExchange exchange) {
              return exchange.getRequestURI().getRawPath();
            }

            @Override
            public String header(HttpExchange exchange, String name) {
              return exchange.getRequestHeaders().getFirst(name);
            }
          });
      RouteMatcher routes = RouteMatcher.of("/health", "/v1/items/{id}");

      server.createContext("/", exchange -> {
        String route = routes.match(exchange.getRequestURI().getRawPath()); // null: recorded as __unmatched__
        HttpRequestObservation observation =
            route == null ? instrumenter.start(exchange) : instrumenter.start(exchange, route);
        try (Scope ignored = observation.makeCurrent()) { // logs and outgoing calls join the request's trace
          application.handle(exchange);
          observation.end(exchange.getResponseCode());
        } catch (IOException | RuntimeException e) {
          if (exchange.getResponseCode() < 0) {
            exchange.sendResponseHeaders(500, -1); // what the client gets is what is recorded
          }
          observation.end(500, e);
          throw e;
        }
      });
      // --8<-- [end:snippet]

      server.start();
      try {
        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        for (String path : new String[] {"/v1/items/42", "/v1/items/abc", "/nowhere"}) {
          client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding());
        }
        Scrape scrape = Scrape.of(telemetry.registry());
        assertThat(scrape.value("scanium_http_requests_total",
            Map.of("route", "/v1/items/{id}", "status_code", "200"))).isEqualTo(1.0);
        assertThat(scrape.value("scanium_http_requests_total",
            Map.of("route", "/v1/items/{id}", "status_code", "404"))).isEqualTo(1.0);
        assertThat(scrape.value("scanium_http_requests_total",
            Map.of("route", "__unmatched__", "status_code", "404"))).isEqualTo(1.0);
        assertThat(receiver.awaitSpan(ReceivedSpan.named("GET /v1/items/{id}"), Duration.ofSeconds(20)).kind())
            .hasToString("SPAN_KIND_SERVER");
      } finally {
        server.stop(0);
      }
    }
  }
}
