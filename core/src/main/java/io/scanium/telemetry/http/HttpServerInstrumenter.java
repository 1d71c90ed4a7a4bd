package io.scanium.telemetry.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.health.DisabledSignals;
import java.util.function.Predicate;

/**
 * Starts {@link HttpRequestObservation}s for one framework's request type. Obtain one per adapter from
 * {@link HttpServerTelemetry#instrumenter}, keep it, and call {@link #start} for every request.
 *
 * <pre>{@code
 * HttpServerInstrumenter<MyRequest> instrumenter = telemetry.http().instrumenter(new MyRequestGetter());
 * HttpRequestObservation obs = instrumenter.start(request);
 * try (Scope scope = obs.makeCurrent()) {
 *   obs.setRoute("/v1/items/{id}");
 *   handle(request, response);
 *   obs.end(response.status());
 * } catch (RuntimeException e) {
 *   obs.end(500, e);
 *   throw e;
 * }
 * }</pre>
 *
 * @param <REQ> the framework's request type
 */
public final class HttpServerInstrumenter<REQ> {

  private final HttpRequestGetter<REQ> getter;
  private final TextMapGetter<REQ> headers;
  // Two fields, not an array of listeners behind an interface: each call site has one known target to inline.
  private final SpanListener spans;
  private final MetricsListener metrics;
  final RouteTable routes;
  private final Diagnostics diagnostics;
  final DisabledSignals signals;
  private final Predicate<String> excludedPaths;

  HttpServerInstrumenter(HttpRequestGetter<REQ> getter, SpanListener spans, MetricsListener metrics,
      RouteTable routes, Diagnostics diagnostics, DisabledSignals signals, Predicate<String> excludedPaths) {
    this.getter = getter;
    this.headers = new HeaderGetter<>(getter);
    this.spans = spans;
    this.metrics = metrics;
    this.routes = routes;
    this.diagnostics = diagnostics;
    this.signals = signals;
    this.excludedPaths = excludedPaths;
  }

  /**
   * Starts observing a request: the caller's trace context is extracted from its headers, a server span is
   * started and the in-flight gauge goes up. Never throws and never returns null: if anything fails, the request
   * proceeds and the failure is reported on stderr.
   *
   * <p>A request whose path this instrumenter excludes (see {@link HttpServerTelemetry#instrumenter(
   * HttpRequestGetter, Predicate)}) gets a shared observation that records nothing.
   */
  public HttpRequestObservation start(REQ request) {
    if (excludedPaths != null && excluded(request)) {
      return ExcludedObservation.INSTANCE;
    }
    return start(request, System.nanoTime(), routes.unmatched);
  }

  /**
   * Starts observing a request whose route the framework already knows, so the span carries its final name from
   * the start (samplers see it).
   *
   * @see #start(Object)
   */
  public HttpRequestObservation start(REQ request, String routeTemplate) {
    if (excludedPaths != null && excluded(request)) {
      return ExcludedObservation.INSTANCE;
    }
    long start = System.nanoTime();
    RouteTable.Route route;
    try {
      route = routes.get(routeTemplate);
    } catch (Throwable e) {
      internalError("route", e);
      route = routes.unmatched;
    }
    return start(request, start, route);
  }

  private HttpRequestObservation start(REQ request, long start, RouteTable.Route route) {
    String method;
    try {
      method = getter.method(request);
    } catch (Throwable e) {
      // The adapter's getter: neither signal's fault, so neither is switched off.
      internalError("method getter", e);
      method = null;
    }
    int index = HttpMethods.index(method);
    String originalMethod = index == HttpMethods.OTHER_INDEX ? method : null;
    Context context = null;
    Span span = null;
    boolean adopted = false;
    if (!signals.tracesOff()) {
      try {
        span = spans.adoptable();
        if (span != null) {
          adopted = true;
          context = Context.current();
        } else {
          context = spans.onStart(request, getter, headers, start, index, originalMethod, route);
          span = Span.fromContext(context);
        }
      } catch (Throwable e) {
        failed(Signal.TRACES, "request start", e);
        // Without a context of its own the request has no span either: never one found in the caller's context,
        // which this request must not end.
        context = null;
        span = null;
        adopted = false;
      }
    }
    if (!signals.metricsOff()) {
      try {
        metrics.onStart(index);
      } catch (Throwable e) {
        failed(Signal.METRICS, "request start", e);
      }
    }
    return new Observation(this, start, index, route, context == null ? Context.current() : context, span,
        adopted);
  }

  void end(Observation o, int statusCode, boolean statusSent, Throwable error, long endNanos) {
    RouteTable.Route route = o.route;
    if (!signals.tracesOff()) {
      try {
        spans.onEnd(o.span, o.adopted ? o.context : null, route, o.methodIndex, statusCode, statusSent, error,
            endNanos);
      } catch (Throwable e) {
        failed(Signal.TRACES, "request end", e);
      }
    }
    if (!signals.metricsOff()) {
      try {
        metrics.onEnd(o.methodIndex, route, o.startNanos, o.span, statusCode, endNanos);
      } catch (Throwable e) {
        failed(Signal.METRICS, "request end", e);
      }
    }
  }

  private boolean excluded(REQ request) {
    try {
      String path = getter.path(request);
      return path != null && excludedPaths.test(path);
    } catch (Throwable e) {
      // An exclusion that cannot be decided is no exclusion: the request is observed as any other.
      internalError("path exclusion", e);
      return false;
    }
  }

  /**
   * What the engine does with anything the tracing or metrics side throws: never rethrown into the request. An Error
   * (a {@link LinkageError} from a mismatched dependency above all) repeats on every request, so the signal is
   * switched off, loudly; an exception is this request's alone, so it is skipped for this request and reported
   * (rate-limited).
   */
  void failed(Signal signal, String where, Throwable e) {
    try {
      if (e instanceof Error) {
        signals.disable(signal, "the HTTP engine's " + where, e);
      } else {
        internalError(where, e);
      }
    } catch (Throwable reportFailure) {
      // Reporting must not be what reaches the request either; the flag above is set first.
    }
  }

  void internalError(String where, Throwable e) {
    diagnostics.warn("engine-" + where, "HTTP instrumentation failed in " + where + " and skipped it; the request"
        + " itself was not affected: " + e);
  }
}
