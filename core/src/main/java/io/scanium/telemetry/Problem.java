package io.scanium.telemetry;

/**
 * One configuration problem: what is wrong, with which value from where, and how to fix it.
 *
 * @param variable the variable (or system property) at fault
 * @param value how the value was found, e.g. {@code "http://x:4317" (environment variable)}, or {@code not set}
 * @param problem what is wrong, in plain words
 * @param fix what to do
 */
public record Problem(String variable, String value, String problem, String fix) {

  /** The multi-line block used in {@link io.scanium.telemetry.TelemetryConfigurationException}'s message. */
  public String render() {
    return variable + " = " + value + "\n      problem: " + problem + "\n      fix:     " + fix;
  }
}
