package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.ScaniumTelemetry;

/**
 * Telemetry that the auto-configuration installed itself (no bean, nothing installed before), shared by every
 * application context of the process that needs it and closed (spans and logs flushed) when the last of them closes;
 * the JVM's shutdown hook would otherwise do it only at exit. One instance per application context.
 */
final class OwnTelemetry implements AutoCloseable {

  private static final Object LOCK = new Object();
  // The instance installed here and how many contexts use it; guarded by LOCK.
  private static ScaniumTelemetry owned;
  private static int users;

  private boolean user;

  /**
   * The installed instance, installing it from the environment first if there is none.
   *
   * @throws io.scanium.telemetry.TelemetryConfigurationException on a configuration that would lose telemetry:
   *     deliberately not caught, so that the application fails to start with the message instead of running
   *     without telemetry
   */
  ScaniumTelemetry acquire() {
    synchronized (LOCK) {
      ScaniumTelemetry installed = ScaniumTelemetry.installed().orElse(null);
      if (installed == null) {
        installed = ScaniumTelemetry.install();
        owned = installed;
        users = 0;
      }
      if (installed == owned && !user) {
        user = true;
        users++;
      }
      return installed;
    }
  }

  @Override
  public void close() {
    ScaniumTelemetry last;
    synchronized (LOCK) {
      if (!user) {
        return;
      }
      user = false;
      if (--users > 0 || owned == null) {
        return;
      }
      last = owned;
      owned = null;
    }
    last.close();
  }
}
