package io.scanium.telemetry.servlet;

import io.opentelemetry.context.Scope;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Observes each request around the rest of the chain: starts the observation, makes its context current, and ends
 * it with the status the client received, synchronously or, for async requests, when the async cycle completes.
 *
 * <p>Only {@code REQUEST} dispatches start an observation. The observation is stored as a request attribute. A
 * request that already carries one (a second instance of
 * this filter in the chain, or an {@code ASYNC} dispatch of a request already observed) is not observed again:
 * its existing context is made current around the chain, so an {@code AsyncContext.dispatch()} continues the
 * request's trace on the thread that runs it.
 */
final class ObservingFilter implements Filter {

  private final HttpServerInstrumenter<HttpServletRequest> instrumenter;
  private final ServletRouteResolver routes;

  ObservingFilter(HttpServerInstrumenter<HttpServletRequest> instrumenter, ServletRouteResolver routes) {
    this.instrumenter = instrumenter;
    this.routes = routes;
  }

  // init and destroy are default methods from Servlet 4 on; a Servlet 3.1 container (Jetty 9.4) calls them.
  @Override
  public void init(FilterConfig config) {}

  @Override
  public void destroy() {}

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(resp instanceof HttpServletResponse)) {
      chain.doFilter(req, resp);
      return;
    }
    Object existing = req.getAttribute(ScaniumServletTelemetry.OBSERVATION_ATTRIBUTE);
    if (existing != null) {
      continueObserved(existing, req, resp, chain);
      return;
    }
    if (req.getDispatcherType() != DispatcherType.REQUEST) {
      // Only a request as it arrives starts an observation: an ASYNC, ERROR or FORWARD dispatch of a request this
      // filter did not see (mapped more narrowly by hand) is part of that request, not a new one.
      chain.doFilter(req, resp);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    HttpRequestObservation observation = instrumenter.start(request);
    request.setAttribute(ScaniumServletTelemetry.OBSERVATION_ATTRIBUTE, observation);
    Scope scope = observation.makeCurrent();
    try {
      chain.doFilter(request, response);
    } catch (Throwable t) {
      scope.close();
      end(observation, request, statusAfter(t, response), applicationCause(t));
      throw t;
    }
    scope.close();
    if (observation.isEnded()) {
      // An observation that records nothing (an excluded path): no status to read, no route to find.
      return;
    }
    if (request.isAsyncStarted()) {
      // Completion, even when another thread calls complete() before this returns, is deferred by the container
      // until the current dispatch returns, so the listener added here cannot miss it.
      try {
        ServletMapping.remember(request);
        request.getAsyncContext().addListener(new AsyncObserver(observation, request, response));
        return;
      } catch (IllegalStateException e) {
        // The async cycle is already over: the response is final, record it now.
      }
    }
    end(observation, request, response.getStatus(), null);
  }

  private static void continueObserved(Object existing, ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (existing instanceof HttpRequestObservation) {
      Scope scope = ((HttpRequestObservation) existing).makeCurrent();
      try {
        chain.doFilter(req, resp);
      } finally {
        scope.close();
      }
    } else {
      // Observed by a copy of this library from another class loader: it records the request; stay out of the way.
      chain.doFilter(req, resp);
    }
  }

  /**
   * The application's exception behind the container's wrapping: Spring's DispatcherServlet (and other frameworks)
   * rethrow a handler's exception as a {@link ServletException}, which says nothing about what failed. Containers
   * unwrap it the same way for their error pages.
   */
  static Throwable applicationCause(Throwable t) {
    Throwable current = t;
    for (int depth = 0; depth < 8 && current instanceof ServletException; depth++) {
      Throwable cause = ((ServletException) current).getRootCause();
      if (cause == null || cause == current) {
        break;
      }
      current = cause;
    }
    return current;
  }

  /**
   * The status the client gets for an exception that escaped the chain: the one already sent if the response is
   * committed, otherwise the container's answer to an exception (503 for {@link UnavailableException}, else 500).
   */
  private static int statusAfter(Throwable t, HttpServletResponse response) {
    try {
      if (response.isCommitted()) {
        return response.getStatus();
      }
    } catch (RuntimeException e) {
      // A recycled or broken response: fall through to the container's default answer.
    }
    return t instanceof UnavailableException ? 503 : 500;
  }

  void end(HttpRequestObservation observation, HttpServletRequest request, int status, Throwable error) {
    observation.end(status, error, () -> routes.resolve(request));
  }

  /**
   * Ends an async request when its cycle completes, with the status the client received then; remembers an error
   * reported on the way. A timeout needs nothing of its own: the container (or the application's listener) answers
   * it, and the cycle then completes with that answer's status.
   */
  private final class AsyncObserver implements AsyncListener {
    private final HttpRequestObservation observation;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private volatile Throwable error;

    AsyncObserver(HttpRequestObservation observation, HttpServletRequest request, HttpServletResponse response) {
      this.observation = observation;
      this.request = request;
      this.response = response;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      int status;
      try {
        status = response.getStatus();
      } catch (RuntimeException e) {
        status = 0;
      }
      end(observation, request, status, error);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // The completion that follows carries the status sent for the timeout.
    }

    @Override
    public void onError(AsyncEvent event) {
      Throwable t = event.getThrowable();
      if (t != null && error == null) {
        error = t;
      }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // A new async cycle (startAsync again during an ASYNC dispatch) drops the listeners of the previous one.
      AsyncContext next = event.getAsyncContext();
      if (next != null) {
        next.addListener(this, request, response);
      }
    }
  }
}
