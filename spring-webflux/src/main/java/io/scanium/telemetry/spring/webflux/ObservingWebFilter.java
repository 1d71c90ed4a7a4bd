package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.internal.Diagnostics;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Observes every request that passes the WebFlux filter chain. First in the chain, so that the application's own
 * filters run inside the request's span and are timed with it.
 */
final class ObservingWebFilter implements WebFilter, Ordered {

  private final HttpServerInstrumenter<ServerWebExchange> instrumenter;
  private final boolean propagateContext;
  private final Diagnostics diagnostics = new Diagnostics();

  ObservingWebFilter(HttpServerInstrumenter<ServerWebExchange> instrumenter, boolean propagateContext) {
    this.instrumenter = instrumenter;
    this.propagateContext = propagateContext;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getAttribute(ScaniumWebFluxTelemetry.OBSERVATION_ATTRIBUTE) != null) {
      // A second instance of this filter (registered by hand beside the auto-configured one) must not count twice.
      return chain.filter(exchange);
    }
    RequestEnd end;
    Mono<Void> handled;
    try {
      HttpRequestObservation observation = instrumenter.start(exchange);
      exchange.getAttributes().put(ScaniumWebFluxTelemetry.OBSERVATION_ATTRIBUTE, observation);
      end = new RequestEnd(exchange, observation, diagnostics);
      exchange.getResponse().beforeCommit(end::onCommit);
      Mono<Void> chained = Mono.defer(() -> chain.filter(exchange));
      handled = propagateContext ? ReactorPropagation.runWithContext(chained, observation.context()) : chained;
    } catch (RuntimeException | LinkageError e) {
      diagnostics.warn("webflux-start", "Scanium telemetry: observing a WebFlux request failed and was skipped; the"
          + " request itself was not affected: " + e);
      return chain.filter(exchange);
    }
    return handled.doOnSuccess(ignored -> end.onSuccess()).doOnError(end::onError).doOnCancel(end::onCancel);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
