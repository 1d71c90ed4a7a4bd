package io.scanium.telemetry.internal.health;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.scanium.telemetry.internal.config.Signal;
import java.util.Collection;

/** Wraps the log record exporter autoconfigure built, to count and report every export's outcome. */
public final class HealthLogRecordExporter implements LogRecordExporter {

  private final LogRecordExporter delegate;
  private final ExportHealth health;

  public HealthLogRecordExporter(LogRecordExporter delegate, ExportHealth health) {
    this.delegate = delegate;
    this.health = health;
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return health.track(Signal.LOGS, logs.size(), () -> delegate.export(logs));
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
