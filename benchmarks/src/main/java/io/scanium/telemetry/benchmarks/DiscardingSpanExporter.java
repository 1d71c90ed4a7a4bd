package io.scanium.telemetry.benchmarks;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accepts every batch and keeps nothing, counting the spans: what the benchmarks export to when the span's cost is
 * measured without the export's.
 */
public final class DiscardingSpanExporter implements SpanExporter {

  private final LongAdder spans = new LongAdder();

  /** The spans accepted so far. */
  public long spans() {
    return spans.sum();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> batch) {
    spans.add(batch.size());
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
