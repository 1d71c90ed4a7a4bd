package io.scanium.telemetry.vertx;

import io.scanium.telemetry.http.HttpRequestObservation;
import java.util.function.Supplier;

/**
 * One observed request, kept on its Vert.x duplicated context so that every handler of the request (a nested
 * instrumented router, a reroute, the tracer) finds the same observation instead of starting another.
 */
final class RequestState {

  private static final Supplier<String> NO_ROUTER = () -> null;

  final HttpRequestObservation observation;
  /** Asks the first router that saw the request for its route, at the end; none when no router saw it. */
  private volatile Supplier<String> route = NO_ROUTER;
  /** An exception that escaped a wrapped plain handler, recorded when the response it caused ends. */
  volatile Throwable error;

  RequestState(HttpRequestObservation observation) {
    this.observation = observation;
  }

  /** Takes the first router that sees the request as the one whose routes name it. */
  void adoptRouter(Supplier<String> routeOfFirstRouter) {
    if (route == NO_ROUTER) {
      route = routeOfFirstRouter;
    }
  }

  /** Ends the observation once, with the route the request's router resolves, if a router saw it. */
  void end(int status, Throwable error) {
    observation.end(status, error, route);
  }
}
