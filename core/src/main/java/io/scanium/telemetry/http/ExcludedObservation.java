package io.scanium.telemetry.http;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The observation of every excluded request: one shared instance that records nothing, so an excluded request
 * allocates nothing. It reports itself ended from the start, so that adapters skip their own end-of-request work
 * (resolving a route, reading a status) for it.
 */
final class ExcludedObservation implements HttpRequestObservation {

  static final ExcludedObservation INSTANCE = new ExcludedObservation();

  private ExcludedObservation() {}

  @Override
  public void setRoute(String routeTemplate) {
    // Nothing is recorded for an excluded request.
  }

  @Override
  public String route() {
    return null;
  }

  @Override
  public Context context() {
    return Context.current();
  }

  @Override
  public Scope makeCurrent() {
    return Scope.noop();
  }

  @Override
  public void end(int statusCode, Throwable error) {
    // Nothing is recorded for an excluded request.
  }

  @Override
  public boolean isEnded() {
    return true;
  }
}
