package io.scanium.telemetry.vertx;

import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;

/**
 * OpenTelemetry service provider ({@code META-INF/services/io.opentelemetry.context.ContextStorageProvider}) that
 * keeps {@code Context.current()} on the Vert.x request's duplicated context, so that the request's span stays
 * current across its asynchronous steps. Found by OpenTelemetry through {@link java.util.ServiceLoader}; not meant to
 * be called by applications. See the package documentation.
 */
public final class ScaniumVertxContextStorageProvider implements ContextStorageProvider {

  /** For {@link java.util.ServiceLoader}. */
  public ScaniumVertxContextStorageProvider() {}

  @Override
  public ContextStorage get() {
    if (!VertxVersion.usable()) {
      // The adapter's jar without Vert.x, or with a Vert.x it was not compiled for: OpenTelemetry's default storage,
      // which cannot fail on a request; said once on stderr when the wrong Vert.x is there.
      VertxVersion.warnUnusable("Its OpenTelemetry context storage");
      return ContextStorage.defaultStorage();
    }
    VertxContextStorage.activate();
    return VertxContextStorage.INSTANCE;
  }
}
