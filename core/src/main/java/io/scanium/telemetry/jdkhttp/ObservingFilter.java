package io.scanium.telemetry.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.context.Scope;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.RouteMatcher;
import java.io.IOException;

/**
 * Observes each exchange around the rest of the chain.
 *
 * <p>The JDK server answers a handler's exception by closing the connection without any response, which a client
 * sees as a broken connection rather than a 500. This filter sends the 500 itself when no response was started, so
 * that the client, the metrics and the span all agree on {@code 500}; the exception is then rethrown unchanged.
 */
final class ObservingFilter extends Filter {

  private final HttpServerInstrumenter<HttpExchange> instrumenter;
  private final RouteMatcher routes;

  ObservingFilter(HttpServerInstrumenter<HttpExchange> instrumenter, RouteMatcher routes) {
    this.instrumenter = instrumenter;
    this.routes = routes;
  }

  @Override
  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String route = routes.match(exchange.getRequestURI().getRawPath());
    HttpRequestObservation observation = route == null ? instrumenter.start(exchange)
        : instrumenter.start(exchange, route);
    exchange.setAttribute(JdkHttpServerTelemetry.ATTRIBUTE, observation);
    try (Scope ignored = observation.makeCurrent()) {
      chain.doFilter(exchange);
    } catch (IOException | RuntimeException | Error e) {
      int status = exchange.getResponseCode();
      if (status < 0) {
        status = 500;
        try {
          exchange.sendResponseHeaders(500, -1);
        } catch (IOException | RuntimeException ignoredToo) {
          // The connection is already gone; the 500 is still what we record, as the client got no answer.
        }
        exchange.close();
      }
      observation.end(status, e);
      throw e;
    }
    int status = exchange.getResponseCode();
    observation.end(status < 0 ? 0 : status);
  }

  @Override
  public String description() {
    return "Scanium telemetry: scanium_http_* metrics and a server span per request";
  }
}
