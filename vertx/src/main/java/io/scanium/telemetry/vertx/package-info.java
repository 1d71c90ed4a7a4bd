/**
 * Vert.x 5 instrumentation: {@code scanium_http_*} metrics and one SERVER span per request, through the core engine
 * only. Entry point: {@link io.scanium.telemetry.vertx.ScaniumVertxTelemetry}.
 *
 * <h2>What is recorded</h2>
 * {@code instrument(router)} records every request that reaches the router, including requests no route matched
 * ({@code __unmatched__}, 404), failures (the status the client received: Vert.x's 500, or whatever the
 * application's failure handler answered) and clients that disconnect before the response (499 when nothing was
 * sent, else the status already sent). The observation ends from the routing context's end handler, which Vert.x
 * calls when the response has ended, failed, or its connection closed. The route is the template of the route that
 * ended the response: its path in the contract's syntax ({@code /v1/items/:id} is {@code /v1/items/{id}}), with the
 * mount path of sub-routers prefixed, a regex route's name if the application set one with {@code setName}, else its
 * pattern; see {@code VertxRouteResolver} for the exact rules. A raw path never becomes a label.
 *
 * <h2>Keeping the request's span current: the context mechanism</h2>
 * Vert.x handles each HTTP request on a <em>duplicated context</em> of its own, and runs every later callback of
 * that request (future continuations, {@code executeBlocking}, timers, HTTP client responses) on that same
 * duplicated context, on whichever thread. This module ships an OpenTelemetry {@code ContextStorageProvider}
 * ({@code META-INF/services/io.opentelemetry.context.ContextStorageProvider}) whose storage keeps
 * {@code Context.current()} in a slot of the current duplicated context, and in the usual thread-local anywhere
 * else. The router instrumentation puts the request's context in that slot once; from then on every handler and
 * every asynchronous step of the request sees the request's span, logs written there carry its trace id, and a
 * {@code span.makeCurrent()} of the application's own is scoped to the request instead of leaking to the next
 * request served by the same event loop. This is the mechanism Vert.x's own OpenTelemetry module uses; a thread-local
 * alone would lose the span at the first asynchronous step.
 *
 * <p>The slots are registered with Vert.x by {@link io.scanium.telemetry.vertx.ScaniumVertxTracerFactory}, a Vert.x
 * service provider loaded while every {@code Vertx} instance bootstraps (Vert.x sizes its contexts' slots then).
 *
 * <h2>Outgoing calls: the Vert.x tracing SPI, for propagation only</h2>
 * Vert.x writes no trace header by itself. With
 * {@code new VertxOptions().setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry))} (or
 * {@code Vertx.builder().withTracer(ScaniumVertxTelemetry.tracerFactory(telemetry))}) a Vert.x tracer is installed
 * that creates no span at all (there is still exactly one server span per request, the engine's) and only injects the
 * request's context ({@code traceparent}) into outgoing Vert.x HTTP client and WebClient requests: the called service
 * continues the same trace. Client requests with {@code TracingPolicy.IGNORE} are left alone. Vert.x writes the
 * request head, and so the header, after the calling handler has returned, from the request's Vert.x context: the
 * parent is the span current there at that moment. An application span meant to be the parent must therefore stay
 * current until the call completes (close its scope in the call's completion handler, not right after
 * {@code send()}); otherwise the request's server span is the parent.
 *
 * <h2>Without the tracing options, or without the storage</h2>
 * The router instrumentation alone still records every request, with its span current in all handlers and
 * asynchronous steps of the request; only the {@code traceparent} of outgoing Vert.x HTTP client calls is lost
 * (inject it yourself with the OpenTelemetry propagator if you cannot set the options). If another
 * {@code ContextStorageProvider} is on the class path, OpenTelemetry falls back to thread-locals (and logs "Found
 * multiple ContextStorageProvider") unless the system property
 * {@code io.opentelemetry.context.contextStorageProvider=io.scanium.telemetry.vertx.ScaniumVertxContextStorageProvider}
 * names this one; with thread-locals the span is current only during the synchronous part of each handler call.
 * Vert.x's own vertx-opentelemetry module brings such a provider and creates spans of its own: do not use it together
 * with this module. (OpenTelemetry's sdk-testing provider is the exception: it delegates to this one.)
 *
 * <h2>Plain HTTP servers</h2>
 * {@code wrap(handler, templates...)} instruments a request handler without a Router: the route comes from the
 * declared templates or from {@code ScaniumVertxTelemetry.observation().ifPresent(o -> o.setRoute(...))}, and the
 * request ends from the response's end and close handlers, which the wrapped handler must therefore not replace.
 *
 * <h2>Versions</h2>
 * Vert.x 5.x. For Vert.x 4.5 use scanium-telemetry-vertx4 (package {@code io.scanium.telemetry.vertx4}, the same
 * API, generated from this module's sources). On any other Vert.x, {@code ScaniumVertxTelemetry.create},
 * {@code tracingOptions}, {@code tracerFactory}, {@code instrument} and {@code wrap} throw an
 * {@code IllegalStateException} naming the version found and the artifact to use ("Vert.x 4.5.27 found: use
 * scanium-telemetry-vertx4 ..."), read from vertx-core's {@code META-INF/vertx/vertx-version.txt}; the module's
 * service files then register nothing with Vert.x and leave OpenTelemetry its default context storage, and say so
 * once on stderr, so that an application that has the wrong jar keeps serving its requests.
 *
 * <h2>Threads</h2>
 * Nothing here blocks: starting and ending an observation touch memory only, span export is batched by the SDK on
 * its own thread, and the metrics handler collects and writes the registry on a worker thread.
 */
package io.scanium.telemetry.vertx;
