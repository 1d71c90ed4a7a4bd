package io.scanium.telemetry.examples.proof;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The verdict on one signal, with the lines that show what arrived. */
final class Result {

  private final String signal;
  private final List<String> details = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private String summary = "";

  Result(String signal) {
    this.signal = signal;
  }

  String signal() {
    return signal;
  }

  Result summary(String text) {
    this.summary = text;
    return this;
  }

  /** A line of evidence. */
  Result detail(String line) {
    details.add(line);
    return this;
  }

  /** A reason for FAIL. */
  Result fail(String reason) {
    failures.add(reason);
    return this;
  }

  /** Adds {@code reason} as a failure unless {@code ok}. */
  Result require(boolean ok, String reason) {
    if (!ok) {
      fail(reason);
    }
    return this;
  }

  boolean passed() {
    return failures.isEmpty();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  void print(PrintStream out) {
    out.printf("%-8s %s  %s%n", signal.toUpperCase(java.util.Locale.ROOT), passed() ? "PASS" : "FAIL", summary);
    for (String d : details) {
      out.println("  " + d);
    }
    for (String f : failures) {
      out.println("  FAIL: " + f);
    }
    out.println();
  }
}
