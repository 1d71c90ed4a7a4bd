package io.scanium.telemetry.vertx;

import io.scanium.telemetry.http.HttpRequestObservation;
import io.vertx.ext.web.RoutingContext;

/**
 * One observed request, kept on its Vert.x duplicated context so that every handler of the request (a nested
 * instrumented router, a reroute, the tracer) finds the same observation instead of starting another.
 */
final class RequestState {

  final HttpRequestObservation observation;
  /** The router instrumentation that resolves the route at the end, and the routing context it resolves from. */
  private volatile RouterHandler routeSource;
  private volatile RoutingContext routingContext;
  /** An exception that escaped a wrapped plain handler, recorded when the response it caused ends. */
  volatile Throwable error;

  RequestState(HttpRequestObservation observation) {
    this.observation = observation;
  }

  /** Takes the first router that sees the request as the one whose routes name it. */
  void adoptRouter(RouterHandler handler, RoutingContext ctx) {
    if (routeSource == null) {
      routingContext = ctx;
      routeSource = handler;
    }
  }

  RouterHandler routeSource() {
    return routeSource;
  }

  RoutingContext routingContext() {
    return routingContext;
  }
}
