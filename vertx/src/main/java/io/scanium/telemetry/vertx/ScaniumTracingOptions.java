package io.scanium.telemetry.vertx;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.tracing.TracingOptions;

/**
 * Tracing options that select this module's tracer: {@link ScaniumVertxTracerFactory}, found by Vert.x as a service
 * provider, recognises them and ignores any other {@code TracingOptions} (another tracing system's).
 */
final class ScaniumTracingOptions extends TracingOptions {

  final TextMapPropagator propagator;

  ScaniumTracingOptions(TextMapPropagator propagator) {
    this.propagator = propagator;
  }

  private ScaniumTracingOptions(ScaniumTracingOptions other) {
    super(other);
    this.propagator = other.propagator;
  }

  /** Vert.x copies the options it is given; a plain copy would lose the propagator and with it the tracer. */
  @Override
  public TracingOptions copy() {
    return new ScaniumTracingOptions(this);
  }
}
