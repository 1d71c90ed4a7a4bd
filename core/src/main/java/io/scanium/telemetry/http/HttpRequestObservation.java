package io.scanium.telemetry.http;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * One HTTP request being observed, from {@link HttpServerInstrumenter#start} to {@link #end}.
 *
 * <p>Every method is safe to call from any thread and never throws into the application. {@link #end} counts the
 * request exactly once, however often it is called and from whichever thread: async frameworks may end a request
 * on another thread than the one that started it.
 */
public interface HttpRequestObservation {

  /**
   * Sets the route template once the framework knows it, in any of the common syntaxes: {@code /v1/items/{id}},
   * {@code /v1/items/:id}, {@code /v1/items/{id:[0-9]+}}; it is recorded as {@code /v1/items/{id}}. Pass a
   * template, never a raw path: the template becomes a label value. The last call before {@link #end} wins.
   */
  void setRoute(String routeTemplate);

  /** The route set so far (normalised), or null. */
  String route();

  /** The context of this request: its server span (if any) on top of the caller's context. */
  Context context();

  /**
   * Makes this request's context current on the calling thread, so that logs and outgoing calls made there carry
   * its trace. Close the scope on the same thread.
   */
  Scope makeCurrent();

  /**
   * Records the end of the request.
   *
   * @param statusCode the status the client received; 0 if no response was produced (counted as 500 when
   *     {@code error} is non-null, else 200)
   * @param error the exception that escaped the application, or null
   */
  void end(int statusCode, Throwable error);

  /** {@link #end(int, Throwable)} without an exception. */
  default void end(int statusCode) {
    end(statusCode, null);
  }

  /**
   * {@link #end(int, Throwable)} for adapters whose framework knows the route only once dispatch is over: when no
   * route was set, {@code lateRoute} is asked first. Whatever it throws costs the route label (recorded as
   * unmatched), never the request; it is not asked once the request has ended.
   *
   * @param lateRoute the framework's template for this request, or null when it has none
   */
  default void end(int statusCode, Throwable error, Supplier<String> lateRoute) {
    if (isEnded()) {
      return;
    }
    if (route() == null) {
      try {
        String template = lateRoute.get();
        if (template != null) {
          setRoute(template);
        }
      } catch (RuntimeException e) {
        // A request the framework has already recycled, or a router in an unexpected state: no route label.
      }
    }
    end(statusCode, error);
  }

  /** Whether {@link #end} has been called. */
  boolean isEnded();
}
