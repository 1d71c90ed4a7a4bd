package io.scanium.telemetry.exposition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One sample line of an exposition.
 *
 * @param name the metric name as exposed, suffix included ({@code _total}, {@code _bucket}, ...)
 * @param labels the labels in exposition order, values unescaped
 * @param value the value, {@code +Inf}, {@code -Inf} and {@code NaN} included
 * @param timestamp the timestamp as written: milliseconds in the Prometheus format, seconds in OpenMetrics
 * @param exemplar the OpenMetrics exemplar written after {@code #}, if any
 */
public record Sample(String name, Map<String, String> labels, double value, OptionalDouble timestamp,
    Optional<Exemplar> exemplar) {

  /** Copies the labels, keeping their order. */
  public Sample {
    Objects.requireNonNull(name, "name");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(exemplar, "exemplar");
  }

  /** A sample without timestamp and exemplar. */
  public Sample(String name, Map<String, String> labels, double value) {
    this(name, labels, value, OptionalDouble.empty(), Optional.empty());
  }

  /** The value of one label; null when the sample does not carry it. */
  public String label(String label) {
    return labels.get(label);
  }

  /** Whether every given label is present with the given value (others may be present too). */
  public boolean hasLabels(Map<String, String> wanted) {
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The series as PromQL would write it: {@code name{a="1",b="2"}}. */
  public String series() {
    return Exposition.format(name, labels);
  }

  /** The sample as an exposition line would show it, without timestamp and exemplar: {@code name{a="1"} 3}. */
  @Override
  public String toString() {
    return series() + " " + Exposition.formatValue(value);
  }
}
