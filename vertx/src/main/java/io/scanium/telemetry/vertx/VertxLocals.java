package io.scanium.telemetry.vertx;

import io.opentelemetry.context.Context;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two slots this module keeps on each request's Vert.x duplicated context: the OpenTelemetry context current
 * there, and the request being observed.
 *
 * <p>Vert.x sizes every context's slot array when a {@code Vertx} instance is created, so the slots must be
 * registered before that: {@link ScaniumVertxTracerFactory}, a Vert.x service provider, touches this class while
 * Vert.x bootstraps. A Vert.x created before this class was loaded (a shaded jar without the service files) has no
 * such slots: the module then keeps nothing per request context and says so once on stderr.
 */
final class VertxLocals {

  static final ContextLocal<Context> OTEL = ContextLocal.registerLocal(Context.class);
  static final ContextLocal<RequestState> REQUEST = ContextLocal.registerLocal(RequestState.class);

  private static final AtomicBoolean LATE_WARNED = new AtomicBoolean();
  private static volatile boolean unavailable;

  private VertxLocals() {}

  /** Registers the slots (by loading this class); called from the Vert.x service provider. */
  static void init() {
    // Class initialisation has done the work.
  }

  /**
   * The Vert.x context of the request being handled on this thread: a duplicated context, which Vert.x creates per
   * HTTP request and carries through futures, timers, executeBlocking and client callbacks. Null on any other
   * thread or context, where nothing may be stored per request, and null altogether once a Vert.x instance without
   * these slots was met.
   */
  static ContextInternal requestContext() {
    if (unavailable) {
      return null;
    }
    ContextInternal current = ContextInternal.current();
    return current != null && current.isDuplicate() ? current : null;
  }

  static ContextInternal requestContext(io.vertx.core.Context context) {
    if (!unavailable && context instanceof ContextInternal) {
      ContextInternal c = (ContextInternal) context;
      return c.isDuplicate() ? c : null;
    }
    return null;
  }

  /** The slot's value, or null (also when this Vert.x instance has no such slot). */
  static <T> T get(ContextLocal<T> local, ContextInternal context) {
    try {
      return local.get(context);
    } catch (IllegalArgumentException e) {
      late();
      return null;
    }
  }

  /** Sets the slot; false when this Vert.x instance has no such slot. */
  static <T> boolean put(ContextLocal<T> local, ContextInternal context, T value) {
    try {
      local.put(context, value);
      return true;
    } catch (IllegalArgumentException e) {
      late();
      return false;
    }
  }

  private static void late() {
    unavailable = true;
    if (LATE_WARNED.compareAndSet(false, true)) {
      System.err.println("[scanium-telemetry] WARN vertx: a Vert.x instance was created before the Scanium Vert.x"
          + " adapter registered its context slots (is META-INF/services/io.vertx.core.spi.VertxServiceProvider"
          + " missing from a shaded jar?). The request's span is now current only during the synchronous part of each"
          + " handler; create Vert.x after the adapter is on the class path with its service files.");
    }
  }
}
