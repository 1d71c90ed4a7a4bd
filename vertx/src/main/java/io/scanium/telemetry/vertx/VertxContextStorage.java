package io.scanium.telemetry.vertx;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import io.vertx.core.internal.ContextInternal;

/**
 * OpenTelemetry's context storage, backed by the Vert.x duplicated context of the request when code runs on one,
 * and by the usual thread-local storage everywhere else.
 *
 * <p>Vert.x runs every callback of a request (handlers, future continuations, timers, executeBlocking, HTTP client
 * responses) on that request's duplicated context, whichever thread runs it; a thread-local would lose the request
 * at the first asynchronous step and, on an event loop shared by thousands of requests, could leak one request's
 * context into the next. Keyed by the duplicated context, {@code Context.current()} is the request's context in all
 * of them and in nothing else.
 */
final class VertxContextStorage implements ContextStorage {

  static final VertxContextStorage INSTANCE = new VertxContextStorage();

  /** The system property with which OpenTelemetry picks one of several storage providers. */
  static final String PROVIDER_PROPERTY = "io.opentelemetry.context.contextStorageProvider";
  private static final AtomicBoolean INACTIVE_WARNED = new AtomicBoolean();
  private static volatile boolean active;

  private final ContextStorage threadLocal = ContextStorage.defaultStorage();

  private VertxContextStorage() {}

  /**
   * Whether OpenTelemetry uses this storage: it does unless another {@code ContextStorageProvider} is on the class
   * path too (OpenTelemetry then falls back to thread-locals) or one is named by a system property; said once on
   * stderr when it does not, since the span then no longer follows the request's asynchronous steps.
   */
  static boolean isActive() {
    // Makes OpenTelemetry choose its storage now if it has not yet.
    Context.current();
    if (!active && INACTIVE_WARNED.compareAndSet(false, true)) {
      System.err.println("[scanium-telemetry] WARN vertx: OpenTelemetry does not use the context storage of "
          + SupportedVertx.ARTIFACT + " (another ContextStorageProvider is on the class path: both"
          + " scanium-telemetry-vertx and scanium-telemetry-vertx4, or vertx-opentelemetry?). The request's span is"
          + " current only during the synchronous part of each handler, not across futures, timers, executeBlocking"
          + " or client callbacks. Keep one provider, or choose this one with -D" + PROVIDER_PROPERTY + "="
          + ScaniumVertxContextStorageProvider.class.getName() + ".");
    }
    return active;
  }

  static void activate() {
    active = true;
  }

  @Override
  public Scope attach(Context toAttach) {
    ContextInternal request = VertxLocals.requestContext();
    if (request == null) {
      return threadLocal.attach(toAttach);
    }
    Context previous = VertxLocals.get(VertxLocals.OTEL, request);
    if (previous == toAttach) {
      return Scope.noop();
    }
    if (!VertxLocals.put(VertxLocals.OTEL, request, toAttach)) {
      return threadLocal.attach(toAttach);
    }
    return () -> VertxLocals.put(VertxLocals.OTEL, request, previous);
  }

  @Override
  public Context current() {
    ContextInternal request = VertxLocals.requestContext();
    return request == null ? threadLocal.current() : VertxLocals.get(VertxLocals.OTEL, request);
  }

  /** The OpenTelemetry context current on a Vert.x context (null if none), read from any thread. */
  static Context currentOn(ContextInternal request) {
    Context stored = VertxLocals.get(VertxLocals.OTEL, request);
    if (stored != null) {
      return stored;
    }
    RequestState state = VertxLocals.get(VertxLocals.REQUEST, request);
    return state == null ? null : state.observation.context();
  }
}
