/**
 * Vert.x 4.5 instrumentation: {@code scanium_http_*} metrics and one SERVER span per request, through the core engine
 * only. Entry point: {@link io.scanium.telemetry.vertx4.ScaniumVertxTelemetry}, the same API as
 * scanium-telemetry-vertx for Vert.x 5 (package {@code io.scanium.telemetry.vertx}), and the same behaviour: this
 * module's classes are generated at build time from that module's sources, in which only the package and Vert.x's
 * {@code ContextInternal} (moved from {@code io.vertx.core.impl} to {@code io.vertx.core.internal} in Vert.x 5)
 * differ. The package documentation of {@code io.scanium.telemetry.vertx} describes what is recorded, the context
 * mechanism (a {@code ContextStorageProvider} keyed by the request's duplicated context, whose slots Vert.x 4.5's
 * {@code ContextLocal} provides) and outgoing-call propagation; all of it applies here unchanged.
 *
 * <h2>Versions</h2>
 * Vert.x 4.5.x (4.5 introduced the context-local slots the module needs). On any other Vert.x,
 * {@code ScaniumVertxTelemetry.create}, {@code tracingOptions} and {@code tracerFactory} throw an
 * {@code IllegalStateException} naming the version found and the artifact to use; the module's service files then
 * register nothing and say so once on stderr, so the application keeps serving its requests uninstrumented.
 */
package io.scanium.telemetry.vertx4;
