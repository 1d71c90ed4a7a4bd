package io.scanium.telemetry.internal;

import io.scanium.telemetry.http.HttpServerTelemetry;
import io.scanium.telemetry.internal.health.DisabledSignals;

/**
 * Gives the engine's builder what only {@code ScaniumTelemetry} may give it, the library's rate-limited diagnostics
 * and its signal switches, without putting these internal types into the engine's public API. The engine registers
 * the access when its class initialises.
 */
public final class EngineWiring {

  /** What the engine lets this class do to its builder. */
  public interface Access {
    /** Sets both on the builder. */
    void wire(HttpServerTelemetry.Builder builder, Diagnostics diagnostics, DisabledSignals signals);
  }

  private static volatile Access access;

  private EngineWiring() {}

  /** Called once, by the engine. */
  public static void register(Access engine) {
    access = engine;
  }

  /** Hands {@code diagnostics} and {@code signals} to {@code builder}. */
  public static HttpServerTelemetry.Builder wire(HttpServerTelemetry.Builder builder, Diagnostics diagnostics,
      DisabledSignals signals) {
    // The builder exists, so its enclosing class has initialised and registered the access.
    access.wire(builder, diagnostics, signals);
    return builder;
  }
}
