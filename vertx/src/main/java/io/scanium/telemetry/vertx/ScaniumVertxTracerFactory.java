package io.scanium.telemetry.vertx;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;

/**
 * Vert.x service provider ({@code META-INF/services/io.vertx.core.spi.VertxServiceProvider}): Vert.x loads it while
 * it bootstraps every {@code Vertx} instance, which is when this module must register its per-request context slots.
 * It installs the propagating tracer when the options come from
 * {@link ScaniumVertxTelemetry#tracingOptions}; an instance from {@link ScaniumVertxTelemetry#tracerFactory} installs
 * it unconditionally. Not meant to be instantiated by applications.
 */
public final class ScaniumVertxTracerFactory implements VertxTracerFactory {

  static {
    // Vert.x loads this class from the service file whatever its version: with a Vert.x this artifact was not
    // compiled for, registering the slots would fail Vert.x's own bootstrap, so nothing is touched then.
    if (VertxVersion.usable()) {
      VertxLocals.init();
    } else {
      VertxVersion.warnUnusable("Its Vert.x service provider");
    }
  }

  private final TextMapPropagator propagator;

  /** For {@link java.util.ServiceLoader}: installs the tracer only for {@link ScaniumVertxTelemetry#tracingOptions}. */
  public ScaniumVertxTracerFactory() {
    this(null);
  }

  ScaniumVertxTracerFactory(TextMapPropagator propagator) {
    this.propagator = propagator;
  }

  @Override
  public VertxTracer<?, ?> tracer(TracingOptions options) {
    if (!VertxVersion.usable()) {
      return null;
    }
    if (propagator != null) {
      return new PropagatingTracer(propagator);
    }
    if (options instanceof ScaniumTracingOptions) {
      return new PropagatingTracer(((ScaniumTracingOptions) options).propagator);
    }
    // Options of another tracing system: leave the tracer to its factory.
    return null;
  }
}
