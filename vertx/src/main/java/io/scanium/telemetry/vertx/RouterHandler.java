package io.scanium.telemetry.vertx;

import io.opentelemetry.context.Scope;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of an instrumented router: starts the request's observation, makes its context current for the
 * rest of the request, and ends it from the routing context's end handler, which Vert.x Web calls when the response
 * has ended, or has failed, or the connection closed before it ended. The route is resolved then, from the route
 * that ended the response.
 *
 * <p>A request that already has an observation (a reroute, a router mounted in another instrumented router, a
 * router behind {@link ScaniumVertxTelemetry#wrap}) is passed on without a second one.
 */
final class RouterHandler implements Handler<RoutingContext> {

  /** Where the request state lives when the router runs outside a Vert.x request context (rare: tests, bridges). */
  static final String STATE_KEY = RequestState.class.getName();

  /** The status recorded when the client closed the connection before any response was sent (nginx's convention). */
  static final int CLIENT_CLOSED = 499;

  private final HttpServerInstrumenter<HttpServerRequest> instrumenter;
  private final VertxRouteResolver resolver;
  private final Router router;
  private volatile boolean storageChecked;
  private volatile boolean storageActive;

  RouterHandler(HttpServerInstrumenter<HttpServerRequest> instrumenter, VertxRouteResolver resolver, Router router) {
    this.instrumenter = instrumenter;
    this.resolver = resolver;
    this.router = router;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ContextInternal request = VertxLocals.requestContext();
    RequestState existing = request != null ? VertxLocals.get(VertxLocals.REQUEST, request) : ctx.get(STATE_KEY);
    if (existing != null) {
      existing.adoptRouter(() -> resolver.resolve(ctx, router));
      ctx.next();
      return;
    }
    HttpRequestObservation observation = instrumenter.start(ctx.request());
    RequestState state = new RequestState(observation);
    state.adoptRouter(() -> resolver.resolve(ctx, router));
    if (request == null || !VertxLocals.put(VertxLocals.REQUEST, request, state)) {
      request = null;
      ctx.put(STATE_KEY, state);
    }
    ctx.addEndHandler(result -> ended(state, ctx, result.succeeded()));
    if (request != null && storageActive() && VertxLocals.put(VertxLocals.OTEL, request, observation.context())) {
      // The request's duplicated context dies with the request: its context stays current there for every later
      // step of the request, with nothing to restore.
      ctx.next();
    } else {
      Scope scope = observation.makeCurrent();
      try {
        ctx.next();
      } finally {
        scope.close();
      }
    }
  }

  private boolean storageActive() {
    if (!storageChecked) {
      storageActive = VertxContextStorage.isActive();
      storageChecked = true;
    }
    return storageActive;
  }

  private static void ended(RequestState state, RoutingContext ctx, boolean responseEnded) {
    int status;
    Throwable error = null;
    try {
      HttpServerResponse response = ctx.response();
      status = responseEnded || response.headWritten() ? response.getStatusCode() : CLIENT_CLOSED;
      if (status >= 500 && ctx.failed()) {
        // A 4xx answered by a failure handler is the client's error, like any other 4xx.
        error = ctx.failure();
      }
    } catch (RuntimeException e) {
      status = 0;
    }
    state.end(status, error);
  }
}
