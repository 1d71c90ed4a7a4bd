package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.ScaniumTelemetry;

/**
 * Telemetry that the auto-configuration installed itself (no bean, nothing installed before): closed with the
 * application context, which the JVM's shutdown hook would otherwise do only at exit.
 */
final class OwnTelemetry implements AutoCloseable {

  private static final Object LOCK = new Object();
  private static ScaniumTelemetry owned;

  static ScaniumTelemetry acquire() {
    synchronized (LOCK) {
      ScaniumTelemetry installed = ScaniumTelemetry.installed().orElse(null);
      if (installed != null) {
        return installed;
      }
      // Throws TelemetryConfigurationException on a bad configuration: deliberately not caught, so that the
      // application fails to start with the message instead of running without telemetry.
      owned = ScaniumTelemetry.install();
      return owned;
    }
  }

  @Override
  public void close() {
    ScaniumTelemetry t;
    synchronized (LOCK) {
      t = owned;
      owned = null;
    }
    if (t != null) {
      t.close();
    }
  }
}
