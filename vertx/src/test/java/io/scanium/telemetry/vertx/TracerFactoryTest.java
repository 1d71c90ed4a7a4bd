package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.ReceivedSpan;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The tracer installed with {@code Vertx.builder().withTracer(...)}, and a client that opted out of tracing. */
class TracerFactoryTest extends VertxTestBase {

  @Override
  protected Vertx createVertx() {
    return Vertx.builder().with(new VertxOptions()).withTracer(ScaniumVertxTelemetry.tracerFactory(telemetry)).build();
  }

  @Test
  void outgoingCallsCarryTraceparentUnlessTheClientIgnoresTracing() throws Exception {
    Router downstream = Router.router(vertx);
    downstream.get("/echo").handler(ctx -> ctx.response().end(String.valueOf(ctx.request().getHeader("traceparent"))));
    URI b = serve(downstream);
    WebClient traced = WebClient.create(vertx);
    WebClient ignoring = WebClient.create(vertx, new WebClientOptions(new HttpClientOptions()
        .setTracingPolicy(TracingPolicy.IGNORE)));
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/call").handler(ctx -> traced.get(b.getPort(), "127.0.0.1", "/echo").send()
        .compose(first -> ignoring.get(b.getPort(), "127.0.0.1", "/echo").send()
            .map(second -> first.bodyAsString() + " " + second.bodyAsString()))
        .onSuccess(body -> ctx.response().end(body)).onFailure(ctx::fail));
    URI a = serve(router);

    String[] body = get(a, "/call").body().split(" ");

    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET /call"));
    assertThat(body[0]).startsWith("00-" + span.traceIdHex() + "-" + span.spanIdHex() + "-");
    assertThat(body[1]).as("TracingPolicy.IGNORE").isEqualTo("null");
  }
}
