package io.scanium.telemetry.internal.health;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.scanium.telemetry.internal.config.Signal;
import java.util.Collection;

/** Wraps the span exporter autoconfigure built, to count and report every export's outcome. */
public final class HealthSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final ExportHealth health;

  public HealthSpanExporter(SpanExporter delegate, ExportHealth health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return health.track(Signal.TRACES, spans.size(), () -> delegate.export(spans));
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
