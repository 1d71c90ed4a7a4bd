package io.scanium.telemetry.internal.config;

import io.scanium.telemetry.Problem;

/** The two ways a problem's value is shown: a value from its source (secrets masked), or "not set". */
public final class Problems {

  private Problems() {}

  /** A problem with a value that was set, shown as {@code "value" (source)}, with any secret in it masked. */
  public static Problem of(ConfigValue value, String problem, String fix) {
    return new Problem(value.name(), "\"" + value.shown() + "\" (" + value.origin() + ")", problem, fix);
  }

  /** A problem with a variable nobody set. */
  public static Problem unset(String variable, String problem, String fix) {
    return new Problem(variable, "not set", problem, fix);
  }
}
