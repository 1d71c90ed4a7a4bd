package io.scanium.telemetry.internal.config;

/**
 * One resolved value and its provenance.
 *
 * @param name the name under which the value was found: the environment variable, or the system property
 * @param value the raw value, never null (absent values are represented by {@link java.util.Optional#empty()})
 * @param source where it came from
 */
public record ConfigValue(String name, String value, Source source) {

  /** {@code NAME=value (environment variable)}: the phrase every message uses. */
  public String describe() {
    return name + "=" + value + " (" + source.description() + ")";
  }
}
