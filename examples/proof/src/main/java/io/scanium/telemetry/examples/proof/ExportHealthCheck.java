package io.scanium.telemetry.examples.proof;

import io.scanium.telemetry.exposition.Exposition;
import java.util.Map;

/**
 * Reads the library's export-health series from the service's scrape: what the exporter handed to the collector
 * and the collector accepted, what failed, what was dropped. When traces and logs go to a collector of the user's
 * own, this is what the proof can show without reading the backend.
 */
final class ExportHealthCheck {

  static final String EXPORTED = "scanium_telemetry_exported_total";
  static final String FAILED = "scanium_telemetry_export_failed_total";
  static final String DROPPED = "scanium_telemetry_dropped_total";
  static final String UP = "scanium_telemetry_export_up";

  private ExportHealthCheck() {}

  /** How the counters of one signal moved between two scrapes. */
  record Movement(String signal, boolean present, double exported, double failed, double dropped, double up) {
    String describe() {
      if (!present) {
        return "export health of " + signal + ": " + EXPORTED + "{signal=\"" + signal + "\"} is not in the scrape";
      }
      return String.format("export health (scrape): %s exported +%s, export_failed +%s, dropped +%s, export_up %s",
          signal, MetricsCheck.format(exported), MetricsCheck.format(failed), MetricsCheck.format(dropped),
          MetricsCheck.format(up));
    }
  }

  static Movement movement(Exposition before, Exposition after, String signal) {
    Map<String, String> label = Map.of("signal", signal);
    if (after == null || after.series(EXPORTED, label).isEmpty()) {
      return new Movement(signal, false, 0, 0, 0, 0);
    }
    return new Movement(signal, true,
        delta(before, after, EXPORTED, label), delta(before, after, FAILED, label),
        delta(before, after, DROPPED, label), after.value(UP, label));
  }

  /** Whether the signal's counters show the expected number exported, or a failure that waiting will not cure. */
  static boolean settled(Movement m, long expected) {
    return !m.present() || m.failed() > 0 || m.dropped() > 0 || m.exported() >= expected;
  }

  /** The verdict for a signal exported to a collector the proof cannot read. */
  static Result verdict(String signal, Movement m, long expected, String what, String collector) {
    Result r = new Result(signal);
    r.detail(m.describe());
    if (!m.present()) {
      r.fail("the scrape has no export-health series for " + signal + ": is this a Scanium telemetry service?");
      return r.summary("cannot tell");
    }
    r.require(m.failed() == 0, MetricsCheck.format(m.failed()) + " " + what + " failed to export to " + collector
        + " (see the service's stderr for the cause)");
    r.require(m.dropped() == 0, MetricsCheck.format(m.dropped()) + " " + what + " were dropped before export (queue"
        + " full: the collector is too slow)");
    r.require(m.exported() >= expected, "only " + MetricsCheck.format(m.exported()) + " " + what
        + " were accepted by the collector, expected at least " + expected);
    r.require(m.up() == 1, UP + "{signal=\"" + signal + "\"} is " + MetricsCheck.format(m.up()));
    return r.summary("sent: " + MetricsCheck.format(m.exported()) + " " + what + " accepted by " + collector
        + " (expected >= " + expected + "), " + MetricsCheck.format(m.failed()) + " failed, "
        + MetricsCheck.format(m.dropped()) + " dropped");
  }

  private static double delta(Exposition before, Exposition after, String name, Map<String, String> label) {
    double start = before == null ? 0 : before.value(name, label);
    return after.value(name, label) - start;
  }
}
