package io.scanium.telemetry.spring.webflux;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.reactor.v3_1.ContextPropagationOperator;
import io.scanium.telemetry.internal.Diagnostics;
import reactor.core.publisher.Mono;

/**
 * Keeps {@code Context.current()} right in Reactor pipelines, with OpenTelemetry's own Reactor library: a global
 * operator hook makes the context stored in a subscriber's Reactor context current around each of its signals, and
 * a scheduler hook carries the current context into tasks run by Reactor schedulers.
 */
final class ReactorPropagation {

  private static volatile Boolean installed;

  private ReactorPropagation() {}

  /** Registers the hooks once per class loader; false (and one line on stderr) if they cannot be registered. */
  static synchronized boolean install() {
    if (installed == null) {
      try {
        ContextPropagationOperator.create().registerOnEachOperator();
        installed = Boolean.TRUE;
      } catch (RuntimeException | LinkageError e) {
        installed = Boolean.FALSE;
        Diagnostics.print("[scanium-telemetry] WebFlux: the request's span will not stay current across Reactor"
            + " operators and thread hops (logs written there carry no trace id): registering OpenTelemetry's"
            + " Reactor hooks failed: " + e);
      }
    }
    return installed;
  }

  /** Subscribes to {@code mono} with {@code context} current and stored in its Reactor context. */
  static <T> Mono<T> runWithContext(Mono<T> mono, Context context) {
    return ContextPropagationOperator.runWithContext(mono, context);
  }
}
