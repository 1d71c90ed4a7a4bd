package io.scanium.telemetry.internal.logs;

import io.opentelemetry.api.OpenTelemetry;
import io.scanium.telemetry.internal.config.ResolvedConfig;

/**
 * The part of log routing that touches one logging backend's classes. Implementations are loaded by name, and only
 * after {@link LogRouting} has seen that backend is the SLF4J provider, so that a service with the other backend (or
 * none) never loads a class it cannot link.
 */
public interface BackendRouting {

  /** Connects the backend's root logger to {@code sdk}'s LoggerProvider and says what it did. */
  LogRoutingStatus install(OpenTelemetry sdk, ResolvedConfig config);

  /**
   * Disconnects the backend from {@code sdk}. Does nothing when another SDK has been connected since, so that closing
   * an old instance never cuts off a newer one.
   */
  void uninstall(OpenTelemetry sdk);
}
