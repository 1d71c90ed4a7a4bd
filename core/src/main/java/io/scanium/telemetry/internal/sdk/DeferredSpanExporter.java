package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Supplier;

/** A span exporter built at its first export (see {@link DeferredBuild}). */
final class DeferredSpanExporter implements SpanExporter {

  private final DeferredBuild<SpanExporter> exporter;

  DeferredSpanExporter(Supplier<SpanExporter> build) {
    this.exporter = new DeferredBuild<>(build, "OtlpHttpSpanExporter");
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return exporter.export(e -> e.export(spans));
  }

  @Override
  public CompletableResultCode flush() {
    return exporter.flush(SpanExporter::flush);
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown(SpanExporter::shutdown);
  }

  @Override
  public String toString() {
    return exporter.toString();
  }
}
