/**
 * Spring WebFlux instrumentation (Spring Framework 6.2 and 7; auto-configured in Spring Boot 3.5 and 4.0 reactive
 * applications): {@code scanium_http_*} metrics and one SERVER span per request through the core engine only, the
 * span current in handlers across Reactor operators and thread hops. Entry point:
 * {@link io.scanium.telemetry.spring.webflux.ScaniumWebFluxTelemetry}; the rules (statuses, routes, the context
 * mechanism) are in docs/spring-webflux.md.
 */
package io.scanium.telemetry.spring.webflux;
