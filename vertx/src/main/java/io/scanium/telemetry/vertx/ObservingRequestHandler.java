package io.scanium.telemetry.vertx;

import io.opentelemetry.context.Scope;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.RouteMatcher;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;

/**
 * Observes each request of a plain {@code HttpServer} request handler. The route comes from the declared templates
 * (or from the handler, through {@link ScaniumVertxTelemetry#observation()}); the request ends from the response's
 * end and close handlers.
 *
 * <p>An exception thrown by the handler before it answered would leave the client waiting: this wrapper answers 500
 * then, so that the client, the metrics and the span agree, and rethrows the exception unchanged for Vert.x to report.
 */
final class ObservingRequestHandler implements Handler<HttpServerRequest> {

  private final HttpServerInstrumenter<HttpServerRequest> instrumenter;
  private final RouteMatcher routes;
  private final Handler<HttpServerRequest> delegate;
  private volatile boolean storageChecked;
  private volatile boolean storageActive;

  ObservingRequestHandler(HttpServerInstrumenter<HttpServerRequest> instrumenter, RouteMatcher routes,
      Handler<HttpServerRequest> delegate) {
    this.instrumenter = instrumenter;
    this.routes = routes;
    this.delegate = delegate;
  }

  @Override
  public void handle(HttpServerRequest req) {
    ContextInternal request = VertxLocals.requestContext();
    if (request != null && VertxLocals.get(VertxLocals.REQUEST, request) != null) {
      delegate.handle(req);
      return;
    }
    String route = null;
    try {
      route = routes.match(req.path());
    } catch (RuntimeException e) {
      // No template: the request is recorded as unmatched.
    }
    HttpRequestObservation observation = route == null ? instrumenter.start(req) : instrumenter.start(req, route);
    RequestState state = new RequestState(observation);
    if (request != null && !VertxLocals.put(VertxLocals.REQUEST, request, state)) {
      request = null;
    }
    HttpServerResponse response = req.response();
    response.endHandler(v -> state.end(response.getStatusCode(), state.error));
    response.closeHandler(v -> {
      if (!response.ended()) {
        state.end(response.headWritten() ? response.getStatusCode() : RouterHandler.CLIENT_CLOSED,
            state.error);
      }
    });
    if (request != null && storageActive() && VertxLocals.put(VertxLocals.OTEL, request, observation.context())) {
      invoke(req, state, response);
    } else {
      Scope scope = observation.makeCurrent();
      try {
        invoke(req, state, response);
      } finally {
        scope.close();
      }
    }
  }

  private void invoke(HttpServerRequest req, RequestState state, HttpServerResponse response) {
    try {
      delegate.handle(req);
    } catch (RuntimeException | Error e) {
      state.error = e;
      if (!response.headWritten()) {
        try {
          response.setStatusCode(500).end();
        } catch (RuntimeException ignored) {
          // The connection is gone: the close handler records the request.
        }
      }
      state.end(response.headWritten() ? response.getStatusCode() : 500, e);
      throw e;
    }
  }

  private boolean storageActive() {
    if (!storageChecked) {
      storageActive = VertxContextStorage.isActive();
      storageChecked = true;
    }
    return storageActive;
  }
}
