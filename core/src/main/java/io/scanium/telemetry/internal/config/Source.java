package io.scanium.telemetry.internal.config;

/** Where a configuration value came from, as the error messages and the startup report say it. */
public enum Source {
  ENVIRONMENT("environment variable"),
  SYSTEM_PROPERTY("system property"),
  DEFAULT("default"),
  CODE("set in code"),
  /** A named source added by an integration (Spring's Environment, a configuration file); its name is the origin. */
  PROPERTY_SOURCE("property source");

  private final String description;

  Source(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
