package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The router instrumentation alone, on a Vert.x created without the module's tracing options: every request is still
 * recorded and its span stays current across asynchronous steps; what is lost is the traceparent of outgoing Vert.x
 * HTTP client calls, as documented.
 */
class NoTracingOptionsTest extends VertxTestBase {

  @Override
  protected VertxOptions vertxOptions() {
    return new VertxOptions();
  }

  @Test
  void requestsAreRecordedAndTheSpanStaysCurrentButCallsCarryNoTraceparent() throws Exception {
    Router downstream = Router.router(vertx);
    downstream.get("/echo").handler(ctx -> ctx.response().end(String.valueOf(ctx.request().getHeader("traceparent"))));
    URI b = serve(downstream);
    WebClient web = WebClient.create(vertx);
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/call").handler(ctx -> vertx.setTimer(2, t -> {
      String afterTimer = Span.current().getSpanContext().getTraceId();
      web.get(b.getPort(), "127.0.0.1", "/echo").send().onSuccess(response -> ctx.response().end(afterTimer + " "
          + Span.current().getSpanContext().getTraceId() + " " + response.bodyAsString()));
    }));
    URI a = serve(router);

    String[] body = get(a, "/call").body().split(" ");

    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET /call"));
    assertThat(body[0]).as("after a timer").isEqualTo(span.traceIdHex());
    assertThat(body[1]).as("after a WebClient call").isEqualTo(span.traceIdHex());
    assertThat(body[2]).as("traceparent received downstream").isEqualTo("null");
    assertRequests("GET", "/call", "200", 1);
  }
}
