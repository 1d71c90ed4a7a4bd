package io.scanium.telemetry.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.scanium.telemetry.internal.config.Signal;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The state of one request from start to end. Adapters only see it as {@link HttpRequestObservation}.
 *
 * <p>Adapters keep it in their request's attributes, so it is allocated for every request: it holds only what
 * lives from start to end (48 bytes with compressed references); what only the end needs is passed to the
 * listeners as arguments instead.
 */
final class Observation implements HttpRequestObservation {

  private static final AtomicIntegerFieldUpdater<Observation> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(Observation.class, "ended");

  final HttpServerInstrumenter<?> instrumenter;
  final long startNanos;
  final int methodIndex;
  final Context context;
  /** The server span, or the extracted parent's span when not tracing, or null. */
  final Span span;
  /** Whether {@link #span} is another instrumentation's server span, which this observation must not end. */
  final boolean adopted;
  volatile RouteTable.Route route;
  private volatile int ended;

  Observation(HttpServerInstrumenter<?> instrumenter, long startNanos, int methodIndex, RouteTable.Route route,
      Context context, Span span, boolean adopted) {
    this.instrumenter = instrumenter;
    this.startNanos = startNanos;
    this.methodIndex = methodIndex;
    this.route = route;
    this.context = context;
    this.span = span;
    this.adopted = adopted;
  }

  @Override
  public void setRoute(String routeTemplate) {
    try {
      if (routeTemplate != null && ended == 0) {
        route = instrumenter.routes.get(routeTemplate);
      }
    } catch (Throwable e) {
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
      Context c = context;
      // Without tracing nor an incoming trace the request's context is the root, usually current already: making
      // it current again would change nothing but allocate a scope.
      if (c == Context.root() && Context.current() == c) {
        return Scope.noop();
      }
      return c.makeCurrent();
    } catch (Throwable e) {
      instrumenter.failed(Signal.TRACES, "makeCurrent", e);
      return Scope.noop();
    }
  }

  @Override
  public void end(int status, Throwable throwable) {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    long endNanos = System.nanoTime();
    instrumenter.end(this, status > 0 ? status : (throwable != null ? 500 : 200), status > 0, throwable, endNanos);
  }

  @Override
  public boolean isEnded() {
    return ended != 0;
  }
}
