package io.scanium.telemetry.refusal;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import java.util.Map;

/**
 * The calls an application makes to its Vert.x adapter, each refused in these modules. Written against
 * scanium-telemetry-vertx; the module testing scanium-telemetry-vertx4 compiles a copy with the package renamed.
 */
final class WrongAdapter {

  private WrongAdapter() {}

  static Map<String, Runnable> entryPoints(ScaniumTelemetry telemetry) {
    return Map.of(
        "create", () -> ScaniumVertxTelemetry.create(telemetry),
        "tracingOptions", () -> ScaniumVertxTelemetry.tracingOptions(telemetry),
        "tracerFactory", () -> ScaniumVertxTelemetry.tracerFactory(telemetry));
  }

  /** What a request handler asks the adapter (empty here, and never a throw into the request). */
  static boolean observationPresent() {
    return ScaniumVertxTelemetry.observation().isPresent();
  }
}
