package io.scanium.telemetry.receiver;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One metric as the receiver decoded it, flattened together with the resource and scope it was sent under.
 *
 * @param resource the resource of the {@code ResourceMetrics} that carried the metric
 * @param scope the instrumentation scope of the {@code ScopeMetrics} that carried the metric
 * @param metric the decoded metric with its data points
 */
public record ReceivedMetric(Resource resource, InstrumentationScope scope, Metric metric) {

  /**
   * Checks that no part is missing, because the views are built only from decoded requests.
   *
   * @param resource the resource, never {@code null}
   * @param scope the scope, never {@code null}
   * @param metric the metric, never {@code null}
   */
  public ReceivedMetric {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(metric, "metric");
  }

  /**
   * Returns a predicate that matches metrics by name and describes itself in {@code await*} failures.
   *
   * @param name the exact metric name
   * @return the predicate
   */
  public static Predicate<ReceivedMetric> named(String name) {
    Objects.requireNonNull(name, "name");
    return OtlpReceiver.matching("metric named '" + name + "'", m -> name.equals(m.name()));
  }

  /**
   * Returns the metric name.
   *
   * @return the name, empty when the sender set none
   */
  public String name() {
    return metric.getName();
  }

  /**
   * Returns which kind of data the metric carries.
   *
   * @return gauge, sum, histogram, exponential histogram, summary, or not set
   */
  public Metric.DataCase type() {
    return metric.getDataCase();
  }

  /**
   * Returns how many data points the metric carries, whatever its kind.
   *
   * @return the number of data points
   */
  public int dataPointCount() {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      default -> 0; // DATA_NOT_SET, or a kind added by a newer proto on the application's classpath
    };
  }

  /**
   * Returns the string form of a resource attribute, such as {@code service.name}.
   *
   * @param key the attribute key
   * @return the value as a string, or {@code null} when the resource has no such attribute
   */
  public String resourceAttribute(String key) {
    return OtlpValues.attribute(resource.getAttributesList(), key);
  }

  /**
   * Returns the name of the instrumentation scope (the meter name).
   *
   * @return the scope name, empty when the sender set none
   */
  public String scopeName() {
    return scope.getName();
  }

  /**
   * Returns a one-line summary, because the proto's own text form spans many lines and drowns a failure message.
   *
   * @return the name, kind and number of data points
   */
  @Override
  public String toString() {
    return "metric '" + name() + "' " + type() + " points=" + dataPointCount() + " scope=" + scopeName();
  }
}
