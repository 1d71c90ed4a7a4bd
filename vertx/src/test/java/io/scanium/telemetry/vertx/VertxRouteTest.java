package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Status;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Route templates from real Vert.x Web routers: sub-routers, regex and wildcard routes, failures, no match. */
class VertxRouteTest extends VertxTestBase {

  @Test
  void subRoutersGiveTheFullTemplateWithParametersOfTheMountPath() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    Router api = Router.router(vertx);
    // A guard on a wildcard path that passes every request on: the route is the one that answers, not the guard.
    api.route("/items/*").handler(ctx -> ctx.next());
    api.get("/items/:id").handler(ctx -> ctx.response().end(ctx.pathParam("id")));
    Router deep = Router.router(vertx);
    deep.get("/things/:thing").handler(ctx -> ctx.response().end("deep"));
    api.route("/nested/*").subRouter(deep);
    router.route("/api/*").subRouter(api);
    router.route("/tenants/:tenant/*").subRouter(deep);
    URI base = serve(router);

    assertThat(get(base, "/api/items/42").body()).isEqualTo("42");
    assertThat(get(base, "/api/nested/things/7").statusCode()).isEqualTo(200);
    assertThat(get(base, "/tenants/acme/things/9").statusCode()).isEqualTo(200);
    assertThat(get(base, "/api/missing").statusCode()).isEqualTo(404);

    assertRequests("GET", "/api/items/{id}", "200", 1);
    assertRequests("GET", "/api/nested/things/{thing}", "200", 1);
    assertRequests("GET", "/tenants/{tenant}/things/{thing}", "200", 1);
    assertRequests("GET", "__unmatched__", "404", 1);
    assertThat(scrape().labelValues("scanium_http_requests_total", "route")).containsExactlyInAnyOrder(
        "/api/items/{id}", "/api/nested/things/{thing}", "/tenants/{tenant}/things/{thing}", "__unmatched__");
    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET /tenants/{tenant}/things/{thing}"));
    assertThat(span.attribute("http.route")).isEqualTo("/tenants/{tenant}/things/{thing}");
    assertThat(span.attribute("url.path")).isEqualTo("/tenants/acme/things/9");
  }

  @Test
  void regexRoutesAreNamedByTheirNameElseByTheirPattern() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.getWithRegex("/orders/(\\d+)").handler(ctx -> ctx.response().end("order"));
    router.getWithRegex("/invoices/(\\d+)").setName("invoice-by-number").handler(ctx -> ctx.response().end("inv"));
    router.route("/static/*").handler(ctx -> ctx.response().end("static"));
    URI base = serve(router);

    assertThat(get(base, "/orders/17").statusCode()).isEqualTo(200);
    assertThat(get(base, "/orders/18").statusCode()).isEqualTo(200);
    assertThat(get(base, "/invoices/5").statusCode()).isEqualTo(200);
    assertThat(get(base, "/static/css/site.css").statusCode()).isEqualTo(200);

    // The route label is the pattern itself; the exposition doubles its backslash, Scrape undoes that.
    assertRequests("GET", "/orders/(\\d+)", "200", 2);
    assertThat(scrape().text()).contains("route=\"/orders/(\\\\d+)\"");
    assertRequests("GET", "/invoice-by-number", "200", 1);
    assertRequests("GET", "/static/*", "200", 1);
    assertThat(scrape().text()).doesNotContain("orders/17").doesNotContain("site.css");
    ReceivedSpan order = awaitSpan(ReceivedSpan.named("GET /orders/(\\d+)"));
    assertThat(order.attribute("http.route")).isEqualTo("/orders/(\\d+)");
  }

  @Test
  void aFailureHandlerStatusIsWhatIsRecorded() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/teapots/:id").handler(ctx -> {
      throw new IllegalStateException("no coffee");
    }).failureHandler(ctx -> ctx.response().setStatusCode(418).end("teapot"));
    Router api = Router.router(vertx);
    api.get("/boom/:id").handler(ctx -> {
      throw new IllegalArgumentException("boom in a sub-router");
    });
    router.route("/api/*").subRouter(api);
    URI base = serve(router);

    assertThat(get(base, "/teapots/1").statusCode()).isEqualTo(418);
    assertThat(get(base, "/api/boom/2").statusCode()).isEqualTo(500);

    assertRequests("GET", "/teapots/{id}", "418", 1);
    assertRequests("GET", "/api/boom/{id}", "500", 1);
    ReceivedSpan teapot = awaitSpan(ReceivedSpan.named("GET /teapots/{id}"));
    assertThat(teapot.attribute("http.response.status_code")).isEqualTo("418");
    assertThat(teapot.span().getStatus().getCode()).as("a 4xx answer is the client's error")
        .isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    ReceivedSpan boom = awaitSpan(ReceivedSpan.named("GET /api/boom/{id}"));
    assertThat(boom.attribute("error.type")).as("the status the client received").isEqualTo("500");
    assertThat(boom.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
  }

  @Test
  void aPathLessFailureHandlerKeepsTheRouteThatFailed() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/payments/:id").handler(ctx -> ctx.fail(new IllegalStateException("declined")));
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode() == 404 ? 404 : 502)
        .end("failed"));
    URI base = serve(router);

    assertThat(get(base, "/payments/3").statusCode()).isEqualTo(502);
    assertThat(get(base, "/nowhere").statusCode()).isEqualTo(404);

    assertRequests("GET", "/payments/{id}", "502", 1);
    assertRequests("GET", "__unmatched__", "404", 1);
  }

  @Test
  void requestsNoRouteMatchedAreUnmatched() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/items/:id").handler(ctx -> ctx.response().end("item"));
    URI base = serve(router);

    assertThat(get(base, "/nothing/here/42").statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(base.resolve("/items/1")).DELETE()).statusCode()).isEqualTo(405);

    assertRequests("GET", "__unmatched__", "404", 1);
    assertRequests("DELETE", "__unmatched__", "405", 1);
    assertThat(scrape().text()).doesNotContain("nothing");
    ReceivedSpan span = awaitSpan(ReceivedSpan.named("GET"));
    assertThat(span.attribute("http.route")).isNull();
    assertThat(span.attribute("http.response.status_code")).isEqualTo("404");
  }

  @Test
  void aCatchAllRouteWithoutPathIsUnmatchedUnlessNamed() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/app/*").setName("spa").handler(ctx -> ctx.response().end("index.html"));
    router.route().handler(ctx -> ctx.response().setStatusCode(404).end("fallback"));
    URI base = serve(router);

    assertThat(get(base, "/app/some/client/route").statusCode()).isEqualTo(200);
    assertThat(get(base, "/elsewhere").statusCode()).isEqualTo(404);

    assertRequests("GET", "/app/*", "200", 1);
    assertRequests("GET", "__unmatched__", "404", 1);
  }

  @Test
  void aRerouteIsOneRequestWithTheFinalRoute() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/old/:id").handler(ctx -> ctx.reroute("/items/" + ctx.pathParam("id")));
    router.get("/items/:id").handler(ctx -> vertx.setTimer(5, t -> ctx.response().end("moved")));
    URI base = serve(router);

    assertThat(get(base, "/old/8").body()).isEqualTo("moved");

    assertRequests("GET", "/items/{id}", "200", 1);
    assertThat(scrape().value("scanium_http_requests_total", java.util.Map.of())).isEqualTo(1);
    assertThat(scrape().value("scanium_http_requests_in_flight", java.util.Map.of())).isZero();
  }

  @Test
  void routersMountedInAnInstrumentedRouterAreRecordedOnce() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    Router api = Router.router(vertx);
    // A module that instruments its own router, mounted by the application in an instrumented one.
    vertxTelemetry.instrument(api);
    api.get("/users/:id").handler(ctx -> ctx.response().end("user"));
    router.route("/v2/*").subRouter(api);
    URI base = serve(router);

    assertThat(get(base, "/v2/users/5").statusCode()).isEqualTo(200);

    assertRequests("GET", "/v2/users/{id}", "200", 1);
    assertThat(scrape().value("scanium_http_requests_total", java.util.Map.of())).isEqualTo(1);
  }
}
