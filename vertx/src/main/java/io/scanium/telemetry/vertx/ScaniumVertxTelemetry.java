package io.scanium.telemetry.vertx;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.RouteMatcher;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * Instrumentation for Vert.x 5 (Vert.x Web routers and plain HTTP servers), built only on the generic engine API.
 *
 * <pre>{@code
 * ScaniumTelemetry telemetry = ScaniumTelemetry.install();
 * // 1. traceparent on outgoing Vert.x HTTP client calls (optional, see the package documentation):
 * Vertx vertx = Vertx.vertx(new VertxOptions().setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry)));
 * // 2. every request of the router, sub-routers included:
 * ScaniumVertxTelemetry vertxTelemetry = ScaniumVertxTelemetry.create(telemetry);
 * Router router = Router.router(vertx);
 * vertxTelemetry.instrument(router);
 * router.get("/v1/items/:id").handler(...);                      // recorded as route="/v1/items/{id}"
 * router.get("/metrics").handler(vertxTelemetry.metricsHandler()); // optional: metrics on the app port
 * }</pre>
 */
public final class ScaniumVertxTelemetry {

  private final ScaniumTelemetry telemetry;
  private final HttpServerInstrumenter<HttpServerRequest> instrumenter;
  private final VertxRouteResolver resolver = new VertxRouteResolver();

  private ScaniumVertxTelemetry(ScaniumTelemetry telemetry) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.instrumenter = telemetry.http().instrumenter(RequestGetter.INSTANCE);
  }

  /**
   * Vert.x instrumentation for this telemetry; create it once and use it for every router and server.
   *
   * @throws IllegalStateException when the Vert.x on the class path is not one this artifact supports; the message
   *     names the version found and the artifact to use instead
   */
  public static ScaniumVertxTelemetry create(ScaniumTelemetry telemetry) {
    VertxVersion.require();
    return new ScaniumVertxTelemetry(telemetry);
  }

  /**
   * Tracing options for {@code VertxOptions.setTracingOptions}: outgoing Vert.x HTTP client requests (HttpClient,
   * WebClient) made while handling a request then carry its {@code traceparent}. No span is created by Vert.x's
   * tracing: the server span remains the one the router instrumentation records.
   *
   * @throws IllegalStateException when the Vert.x on the class path is not one this artifact supports
   */
  public static TracingOptions tracingOptions(ScaniumTelemetry telemetry) {
    VertxVersion.require();
    return new ScaniumTracingOptions(telemetry.openTelemetry().getPropagators().getTextMapPropagator());
  }

  /**
   * The same propagation as {@link #tracingOptions}, for {@code Vertx.builder().withTracer(...)}: works also where
   * Vert.x's service files were lost (a shaded jar without them).
   *
   * @throws IllegalStateException when the Vert.x on the class path is not one this artifact supports
   */
  public static VertxTracerFactory tracerFactory(ScaniumTelemetry telemetry) {
    VertxVersion.require();
    return new ScaniumVertxTracerFactory(telemetry.openTelemetry().getPropagators().getTextMapPropagator());
  }

  /**
   * Records every request of this router: adds a route that runs before all others (order
   * {@code Integer.MIN_VALUE}, no path) and passes every request on. Call it once per router given to an
   * {@code HttpServer}; routers mounted in it with {@code subRouter} need nothing.
   *
   * @return the route added, e.g. to remove it again
   */
  public Route instrument(Router router) {
    Objects.requireNonNull(router, "router");
    VertxVersion.require();
    Route route = router.route().order(Integer.MIN_VALUE);
    VertxRouteResolver.markOwn(route);
    route.handler(new RouterHandler(instrumenter, resolver, router));
    return route;
  }

  /**
   * Records every request of a plain {@code HttpServer} request handler (no Router), whose requests get the route
   * of the first of these templates that matches their path ({@code /v1/items/{id}} or {@code /v1/items/:id}), or
   * one the handler sets through {@link #observation()}; any other request is recorded as {@code __unmatched__}.
   * The request ends from the response's end and close handlers: the wrapped handler must not replace them. An
   * exception thrown by the handler before it answered is answered 500, recorded with the exception, and rethrown.
   *
   * <pre>{@code
   * vertx.createHttpServer().requestHandler(vertxTelemetry.wrap(req -> ..., "/v1/items/{id}", "/health"));
   * }</pre>
   */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> handler, String... routeTemplates) {
    Objects.requireNonNull(handler, "handler");
    VertxVersion.require();
    return new ObservingRequestHandler(instrumenter, RouteMatcher.of(routeTemplates), handler);
  }

  /**
   * A handler serving the telemetry's registry in the Prometheus exposition formats, negotiated from
   * {@code Accept}, for services that want their metrics on the application port
   * ({@code router.get("/metrics").handler(vertxTelemetry.metricsHandler())}).
   */
  public Handler<RoutingContext> metricsHandler() {
    return new MetricsHandler(telemetry.registry());
  }

  /**
   * The observation of the request being handled on the calling Vert.x context, for handlers that know their route
   * better than the instrumentation ({@code observation().ifPresent(o -> o.setRoute("/v1/items/{id}"))}). Empty
   * outside a request, or when called from a thread that is not running one of the request's callbacks, and on a
   * Vert.x this artifact does not support (called from request handlers, it never throws there).
   */
  public static Optional<HttpRequestObservation> observation() {
    if (!VertxVersion.usable()) {
      return Optional.empty();
    }
    ContextInternal request = VertxLocals.requestContext();
    if (request == null) {
      return Optional.empty();
    }
    RequestState state = VertxLocals.get(VertxLocals.REQUEST, request);
    return state == null ? Optional.empty() : Optional.of(state.observation);
  }
}
