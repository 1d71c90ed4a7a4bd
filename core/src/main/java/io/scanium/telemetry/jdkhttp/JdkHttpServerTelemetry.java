package io.scanium.telemetry.jdkhttp;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.RouteMatcher;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Instrumentation for the JDK's built-in {@code com.sun.net.httpserver.HttpServer}, built only on the generic
 * engine API. Add the filter to every context:
 *
 * <pre>{@code
 * JdkHttpServerTelemetry jdk = JdkHttpServerTelemetry.builder(telemetry)
 *     .routes("/v1/items/{id}", "/v1/config", "/health")
 *     .build();
 * HttpContext context = server.createContext("/", handler);
 * context.getFilters().add(jdk.createFilter());
 * }</pre>
 *
 * <p>Run the JDK server with {@code -Dsun.net.httpserver.nodelay=true} (or set that property before the first
 * server is created): without it every response waits for the client's delayed ACK, about 40 ms, which this
 * instrumentation would faithfully report as latency.
 *
 * <p>The JDK server has no route templates, so the route is found by matching the path against the templates
 * declared here (a handler can also set it, see {@link #observation}); paths that match none are recorded as
 * {@code __unmatched__}, never as themselves.
 */
public final class JdkHttpServerTelemetry {

  static final String ATTRIBUTE = HttpRequestObservation.class.getName();

  private final HttpServerInstrumenter<HttpExchange> instrumenter;
  private final RouteMatcher routes;

  private JdkHttpServerTelemetry(Builder b) {
    this.instrumenter = b.telemetry.http().instrumenter(ExchangeGetter.INSTANCE);
    this.routes = b.routes;
  }

  /** Instrumentation with no declared routes: every request is recorded as {@code __unmatched__}. */
  public static JdkHttpServerTelemetry create(ScaniumTelemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A builder, to declare the service's route templates. */
  public static Builder builder(ScaniumTelemetry telemetry) {
    return new Builder(telemetry);
  }

  /** A new filter; add it to each {@code HttpContext}'s filters. */
  public Filter createFilter() {
    return new ObservingFilter(instrumenter, routes);
  }

  /**
   * The observation of the exchange being handled, for handlers that know their route better than the declared
   * templates ({@code observation(exchange).ifPresent(o -> o.setRoute("/v1/items/{id}"))}).
   */
  public static Optional<HttpRequestObservation> observation(HttpExchange exchange) {
    Object o = exchange.getAttribute(ATTRIBUTE);
    return o instanceof HttpRequestObservation ? Optional.of((HttpRequestObservation) o) : Optional.empty();
  }

  /** Builds {@link JdkHttpServerTelemetry}. */
  public static final class Builder {
    private final ScaniumTelemetry telemetry;
    private RouteMatcher routes = RouteMatcher.of(List.of());

    private Builder(ScaniumTelemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    /** The service's route templates, e.g. {@code /v1/items/{id}}. */
    public Builder routes(String... templates) {
      this.routes = RouteMatcher.of(templates);
      return this;
    }

    /** A matcher built elsewhere. */
    public Builder routes(RouteMatcher matcher) {
      this.routes = Objects.requireNonNull(matcher, "matcher");
      return this;
    }

    /** Builds the instrumentation. */
    public JdkHttpServerTelemetry build() {
      return new JdkHttpServerTelemetry(this);
    }
  }
}
