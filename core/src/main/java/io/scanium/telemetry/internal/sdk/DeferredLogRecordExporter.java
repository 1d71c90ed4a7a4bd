package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.function.Supplier;

/** A log record exporter built at its first export (see {@link DeferredBuild}). */
final class DeferredLogRecordExporter implements LogRecordExporter {

  private final DeferredBuild<LogRecordExporter> exporter;

  DeferredLogRecordExporter(Supplier<LogRecordExporter> build) {
    this.exporter = new DeferredBuild<>(build, "OtlpHttpLogRecordExporter");
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return exporter.export(e -> e.export(logs));
  }

  @Override
  public CompletableResultCode flush() {
    return exporter.flush(LogRecordExporter::flush);
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporter.shutdown(LogRecordExporter::shutdown);
  }

  @Override
  public String toString() {
    return exporter.toString();
  }
}
