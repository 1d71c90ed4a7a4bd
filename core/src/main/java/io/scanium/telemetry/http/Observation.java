package io.scanium.telemetry.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The state of one request, shared by the two listeners (metrics and spans) of its lifecycle. Adapters only see
 * it as {@link HttpRequestObservation}.
 */
final class Observation implements HttpRequestObservation {

  private static final AtomicIntegerFieldUpdater<Observation> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(Observation.class, "ended");

  final HttpServerInstrumenter<?> instrumenter;
  final long startNanos;
  final int methodIndex;
  final String originalMethod;
  Context context;
  Span span;
  volatile RouteTable.Route route;
  private volatile int ended;
  // Written by end() before the listeners run, read by them on the same thread.
  int statusCode;
  Throwable error;
  long endNanos;

  Observation(HttpServerInstrumenter<?> instrumenter, long startNanos, int methodIndex, String originalMethod,
      RouteTable.Route route) {
    this.instrumenter = instrumenter;
    this.startNanos = startNanos;
    this.methodIndex = methodIndex;
    this.originalMethod = originalMethod;
    this.route = route;
  }

  @Override
  public void setRoute(String routeTemplate) {
    try {
      if (routeTemplate != null && ended == 0) {
        route = instrumenter.routes.get(routeTemplate);
      }
    } catch (RuntimeException e) {
      instrumenter.internalError("setRoute", e);
    }
  }

  @Override
  public String route() {
    RouteTable.Route r = route;
    return r.matched ? r.template : null;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public Scope makeCurrent() {
    try {
      return context.makeCurrent();
    } catch (RuntimeException e) {
      instrumenter.internalError("makeCurrent", e);
      return Scope.noop();
    }
  }

  @Override
  public void end(int status, Throwable throwable) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    this.endNanos = System.nanoTime();
    this.error = throwable;
    this.statusCode = status > 0 ? status : (throwable != null ? 500 : 200);
    instrumenter.end(this);
  }

  @Override
  public boolean isEnded() {
    return ended != 0;
  }
}
