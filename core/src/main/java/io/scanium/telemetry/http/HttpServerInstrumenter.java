package io.scanium.telemetry.http;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.scanium.telemetry.internal.Diagnostics;

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
  private final RequestListener[] listeners;
  final RouteTable routes;
  private final Diagnostics diagnostics;

  HttpServerInstrumenter(HttpRequestGetter<REQ> getter, RequestListener[] listeners, RouteTable routes,
      Diagnostics diagnostics) {
    this.getter = getter;
    this.headers = new HeaderGetter<>(getter);
    this.listeners = listeners;
    this.routes = routes;
    this.diagnostics = diagnostics;
  }

  /**
   * Starts observing a request: the caller's trace context is extracted from its headers, a server span is
   * started and the in-flight gauge goes up. Never throws and never returns null: if anything fails, the request
   * proceeds and the failure is reported on stderr.
   */
  public HttpRequestObservation start(REQ request) {
    return start(request, System.nanoTime(), routes.unmatched);
  }

  /**
   * Starts observing a request whose route the framework already knows, so the span carries its final name from
   * the start (samplers see it).
   *
   * @see #start(Object)
   */
  public HttpRequestObservation start(REQ request, String routeTemplate) {
    long start = System.nanoTime();
    RouteTable.Route route;
    try {
      route = routes.get(routeTemplate);
    } catch (RuntimeException e) {
      internalError("route", e);
      route = routes.unmatched;
    }
    return start(request, start, route);
  }

  private HttpRequestObservation start(REQ request, long start, RouteTable.Route route) {
    String method;
    try {
      method = getter.method(request);
    } catch (RuntimeException e) {
      internalError("method getter", e);
      method = null;
    }
    int index = HttpMethods.index(method);
    Observation o = new Observation(this, start, index, index == HttpMethods.OTHER_INDEX ? method : null, route);
    for (RequestListener l : listeners) {
      try {
        l.onStart(o, request, getter, headers);
      } catch (RuntimeException | LinkageError e) {
        internalError("request start", e);
      }
    }
    if (o.context == null) {
      o.context = Context.current();
    }
    return o;
  }

  void end(Observation o) {
    for (RequestListener l : listeners) {
      try {
        l.onEnd(o);
      } catch (RuntimeException | LinkageError e) {
        internalError("request end", e);
      }
    }
  }

  void internalError(String where, Throwable e) {
    diagnostics.warn("engine-" + where, "HTTP instrumentation failed in " + where + " and skipped it; the request"
        + " itself was not affected: " + e);
  }
}
