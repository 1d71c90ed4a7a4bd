package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A plain Vert.x {@code HttpServer} request handler, no Router, instrumented with {@code wrap}. */
class PlainHttpServerTest extends VertxTestBase {

  private URI start() throws Exception {
    return serve(vertxTelemetry.wrap(req -> {
      String path = req.path();
      if (path.startsWith("/v1/items/")) {
        // Asynchronous answer: the span is still current after the timer.
        vertx.setTimer(2, t -> req.response().end(Span.current().getSpanContext().getTraceId()));
      } else if (path.equals("/v1/fail")) {
        throw new IllegalStateException("plain handler failure");
      } else if (path.startsWith("/v1/orders/")) {
        ScaniumVertxTelemetry.observation().ifPresent(o -> o.setRoute("/v1/orders/{orderId}"));
        req.response().setStatusCode(201).end();
      } else {
        req.response().setStatusCode(404).end();
      }
    }, "/v1/items/{id}", "/v1/fail"));
  }

  @Test
  void requestsGetTheDeclaredTemplateAndTheirSpanStaysCurrent() throws Exception {
    URI base = start();
    HttpResponse<String> response = get(base, "/v1/items/12");
    assertThat(response.statusCode()).isEqualTo(200);

    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET /v1/items/{id}"));
    assertThat(response.body()).isEqualTo(span.traceIdHex());
    assertThat(span.attribute("http.route")).isEqualTo("/v1/items/{id}");
    assertThat(span.attribute("network.protocol.version")).isEqualTo("1.1");
    assertThat(span.attribute("client.address")).isEqualTo("127.0.0.1");
    assertRequests("GET", "/v1/items/{id}", "200", 1);
  }

  @Test
  void theHandlerCanSetItsRouteAndUndeclaredPathsAreUnmatched() throws Exception {
    URI base = start();
    assertThat(send(HttpRequest.newBuilder(base.resolve("/v1/orders/77")).POST(HttpRequest.BodyPublishers.noBody()))
        .statusCode()).isEqualTo(201);
    assertThat(get(base, "/somewhere/else").statusCode()).isEqualTo(404);

    assertRequests("POST", "/v1/orders/{orderId}", "201", 1);
    assertRequests("GET", "__unmatched__", "404", 1);
    assertThat(scrape().text()).doesNotContain("somewhere").doesNotContain("/77");
  }

  @Test
  void anExceptionIsAnswered500AndRecordedWithIt() throws Exception {
    URI base = start();
    assertThat(get(base, "/v1/fail").statusCode()).isEqualTo(500);

    assertRequests("GET", "/v1/fail", "500", 1);
    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET /v1/fail"));
    assertThat(span.attribute("error.type")).as("the status the client received").isEqualTo("500");
    assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(scrape().value("scanium_http_requests_in_flight", java.util.Map.of())).isZero();
  }

  @Test
  void anIncomingTraceparentIsContinued() throws Exception {
    URI base = start();
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/items/1"))
        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").GET());
    assertThat(response.body()).isEqualTo(trace);
    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET /v1/items/{id}"));
    assertThat(span.parentSpanIdHex()).isEqualTo("00f067aa0ba902b7");
  }
}
