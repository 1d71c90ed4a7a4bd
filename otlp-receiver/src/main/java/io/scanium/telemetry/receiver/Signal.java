package io.scanium.telemetry.receiver;

/**
 * The three OTLP signals, each with the path that OTLP/HTTP exporters post it to.
 */
public enum Signal {
  /** Spans, posted to {@code /v1/traces}. */
  TRACES("/v1/traces"),
  /** Log records, posted to {@code /v1/logs}. */
  LOGS("/v1/logs"),
  /** Metrics, posted to {@code /v1/metrics}. */
  METRICS("/v1/metrics");

  private final String path;

  Signal(String path) {
    this.path = path;
  }

  /**
   * Returns the OTLP/HTTP path of this signal.
   *
   * @return the path relative to the endpoint, such as {@code /v1/traces}
   */
  public String path() {
    return path;
  }

  /**
   * Finds the signal that OTLP/HTTP posts to the given path.
   *
   * @param path a request path, compared exactly
   * @return the signal, or {@code null} when the path belongs to none
   */
  static Signal forPath(String path) {
    for (Signal signal : values()) {
      if (signal.path.equals(path)) {
        return signal;
      }
    }
    return null;
  }
}
