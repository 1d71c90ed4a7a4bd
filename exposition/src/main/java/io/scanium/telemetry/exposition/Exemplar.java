package io.scanium.telemetry.exposition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * An OpenMetrics exemplar, {@code # {trace_id="..."} 0.42 1700000000.1} after a sample's value: one observation
 * that stands for the sample, usually with the trace it belongs to.
 *
 * @param labels the exemplar's labels in written order, values unescaped
 * @param value the observed value
 * @param timestamp the observation time in seconds, when written
 */
public record Exemplar(Map<String, String> labels, double value, OptionalDouble timestamp) {

  /** Copies the labels, keeping their order. */
  public Exemplar {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
