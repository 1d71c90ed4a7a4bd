package io.scanium.telemetry.internal.config;

/**
 * One resolved value and its provenance.
 *
 * @param name the name under which the value was found: the environment variable, or the property
 * @param value the raw value, never null (absent values are represented by {@link java.util.Optional#empty()})
 * @param source where it came from
 * @param origin how messages name the source: the source's description, or the name of a property source
 *     ({@code application.properties via Spring Environment})
 */
public record ConfigValue(String name, String value, Source source, String origin) {

  /** A value whose origin is its source's description. */
  public ConfigValue(String name, String value, Source source) {
    this(name, value, source, source.description());
  }

  /** The same value with another text, from the same place. */
  public ConfigValue withValue(String newValue) {
    return new ConfigValue(name, newValue, source, origin);
  }

  /** {@code NAME=value (environment variable)}: the phrase every message uses, with no secret in it. */
  public String describe() {
    return name + "=" + shown() + " (" + origin + ")";
  }

  /** As {@link #describe()}: a value concatenated into any text must not carry a secret either. */
  @Override
  public String toString() {
    return describe();
  }

  /** The value as messages show it: any credentials of a URL in it replaced by {@code ****}. */
  public String shown() {
    return Redact.url(value);
  }
}
