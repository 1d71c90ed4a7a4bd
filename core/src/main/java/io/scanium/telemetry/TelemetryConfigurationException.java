package io.scanium.telemetry;

import java.util.List;

/**
 * Thrown by {@link ScaniumTelemetry#install()} when the configuration would lose telemetry. The message lists
 * every problem found, each with the variable, its value, where the value came from and the fix, so that one
 * failed start tells an on-call engineer everything at once.
 */
public final class TelemetryConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /** Creates the exception for a list of problems (at least one). */
  public TelemetryConfigurationException(List<Problem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  /** Creates the exception for one problem that has an underlying cause (a port already bound, say). */
  public TelemetryConfigurationException(Problem problem, Throwable cause) {
    super(render(List.of(problem)), cause);
    this.problems = List.of(problem);
  }

  /** Each problem found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("Scanium telemetry is misconfigured; nothing was started, so nothing"
        + " would be lost silently. ")
        .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
    int i = 1;
    for (Problem p : problems) {
      sb.append("\n  ").append(i++).append(". ").append(p.render());
    }
    return sb.toString();
  }
}
