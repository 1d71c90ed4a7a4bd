package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * Instrumentation for Spring WebFlux (Spring Framework 6.2 and 7, on Reactor Netty or any other reactive server),
 * built only on the generic engine API: a {@link WebFilter} that gives every request the {@code scanium_http_*}
 * series and a server span, current in handlers across Reactor operators and thread hops.
 *
 * <p>In a Spring Boot 3.5 or 4.0 reactive application nothing needs to be written: {@link
 * ScaniumWebFluxAutoConfiguration} registers the filter. Elsewhere, declare it as a bean or add it to
 * {@code WebHttpHandlerBuilder}:
 *
 * <pre>{@code
 * @Bean
 * WebFilter scaniumTelemetryFilter() {
 *   return ScaniumWebFluxTelemetry.create(ScaniumTelemetry.install()).createWebFilter();
 * }
 * }</pre>
 *
 * <p>The {@code route} label is the pattern of the handler that matched ({@code /items/{id}} of a
 * {@code @GetMapping} or a router function), read when the request ends; {@code __unmatched__} when none matched,
 * including a 404 from Boot's static-resource mapping {@code /**}. The status is the one the client received: an
 * exception is recorded with the status the application's exception handlers (or Spring's defaults) answered, a
 * handled error with the status sent, a request whose client disconnected before any response with 499.
 */
public final class ScaniumWebFluxTelemetry {

  /** The exchange attribute holding the request's {@link HttpRequestObservation}. */
  static final String OBSERVATION_ATTRIBUTE = HttpRequestObservation.class.getName();

  private final HttpServerInstrumenter<ServerWebExchange> instrumenter;
  private final boolean propagateContext;

  private ScaniumWebFluxTelemetry(Builder b) {
    StackCheck.verify();
    this.instrumenter = b.telemetry.http().instrumenter(ExchangeGetter.INSTANCE);
    this.propagateContext = b.propagateContext && ReactorPropagation.install();
  }

  /**
   * Instrumentation with the defaults: context propagation across Reactor operators on.
   *
   * @throws IllegalStateException when Reactor or Spring WebFlux is missing or Spring Framework is older than 6, with
   *     a message naming what was found and what to use instead
   */
  public static ScaniumWebFluxTelemetry create(ScaniumTelemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A builder, for the options. */
  public static Builder builder(ScaniumTelemetry telemetry) {
    return new Builder(telemetry);
  }

  /**
   * A new filter, ordered first ({@code Ordered.HIGHEST_PRECEDENCE}). A request already observed by another
   * instance is passed through, so declaring it twice does not count twice.
   */
  public WebFilter createWebFilter() {
    return new ObservingWebFilter(instrumenter, propagateContext);
  }

  /**
   * The observation of a request, for code that knows the route better than any handler mapping
   * ({@code observation(exchange).ifPresent(o -> o.setRoute("/v1/items/{id}"))}). Empty when it is not observed.
   */
  public static Optional<HttpRequestObservation> observation(ServerWebExchange exchange) {
    Object o = exchange.getAttribute(OBSERVATION_ATTRIBUTE);
    return o instanceof HttpRequestObservation ? Optional.of((HttpRequestObservation) o) : Optional.empty();
  }

  /** Builds {@link ScaniumWebFluxTelemetry}. */
  public static final class Builder {
    private final ScaniumTelemetry telemetry;
    private boolean propagateContext = true;

    private Builder(ScaniumTelemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    /**
     * Whether to register OpenTelemetry's Reactor hooks (global to the JVM), which keep the request's span current
     * in every operator and on every scheduler thread of its pipeline. Default true; without them the request is
     * still recorded, but handlers do not see its span as current and their logs carry no trace id (the context is
     * still there: {@code observation(exchange).map(HttpRequestObservation::context)}).
     */
    public Builder propagateContext(boolean propagateContext) {
      this.propagateContext = propagateContext;
      return this;
    }

    /** Builds the instrumentation. */
    public ScaniumWebFluxTelemetry build() {
      return new ScaniumWebFluxTelemetry(this);
    }
  }
}
