package io.scanium.telemetry.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The suite's figures: one row per scenario and round, printed as a table and written as TSV to
 * {@code target/fault-report/} (the directory {@code faults.report} names), where benchmarks/load/faults.sh
 * summarises them.
 */
final class FaultReport {

  /** Spans or log records of one scenario: produced by the service, and how the library accounted for them. */
  record Counts(long produced, long exported, long failed, long dropped) {
    long accounted() {
      return exported + failed + dropped;
    }

    String cell() {
      return produced + "=" + exported + "+" + failed + "+" + dropped;
    }
  }

  /** One scenario of one round, the faulty service beside the control. */
  record Row(int round, String scenario, int requests, LoadClient.Result control, LoadClient.Result fault,
      double controlHeapMb, double faultHeapMb, Counts spans, Counts logs, long stderrLines, long recoveryMs) {

    double p99Ratio() {
      return fault.percentileMillis(99) / control.percentileMillis(99);
    }

    double rpsRatio() {
      return fault.requestsPerSecond() / control.requestsPerSecond();
    }
  }

  private static final String COLUMNS = "round\tscenario\trequests\tcontrol_p50_ms\tcontrol_p99_ms\tfault_p50_ms"
      + "\tfault_p99_ms\tp99_ratio\tcontrol_rps\tfault_rps\trps_ratio\terrors\tcontrol_heap_mb\tfault_heap_mb"
      + "\tspans_produced\tspans_exported\tspans_failed\tspans_dropped\tlogs_produced\tlogs_exported\tlogs_failed"
      + "\tlogs_dropped\tstderr_lines\trecovery_ms";

  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final String file;

  FaultReport(String file) {
    this.file = file;
  }

  synchronized void add(Row row) {
    rows.add(row);
  }

  /** A figure outside the scenario table (shutdown times, hostile-input series), kept as {@code key value}. */
  synchronized void note(String key, Object value) {
    notes.add(key + "\t" + value);
  }

  synchronized String table() {
    StringBuilder t = new StringBuilder(rows.isEmpty() ? "" : String.format(Locale.ROOT,
        "%-2s %-36s %6s %15s %15s %6s %6s %6s %9s %-22s %-22s %6s %8s%n", "r", "scenario", "reqs",
        "p50/p99 ctl ms", "p50/p99 flt ms", "p99x", "rps x", "errors", "heap MB", "spans prod=exp+fail+drop",
        "logs prod=exp+fail+drop", "stderr", "recov ms"));
    for (Row r : rows) {
      t.append(String.format(Locale.ROOT, "%-2d %-36s %6d %7.2f/%7.2f %7.2f/%7.2f %6.2f %6.2f %6d %4.0f/%4.0f %-22s"
          + " %-22s %6d %8d%n", r.round, r.scenario, r.requests, r.control.percentileMillis(50),
          r.control.percentileMillis(99), r.fault.percentileMillis(50), r.fault.percentileMillis(99), r.p99Ratio(),
          r.rpsRatio(), r.fault.errors() + r.control.errors(), r.controlHeapMb, r.faultHeapMb, r.spans.cell(),
          r.logs.cell(), r.stderrLines, r.recoveryMs));
    }
    for (String note : notes) {
      t.append(note.replace('\t', ' ')).append('\n');
    }
    return t.toString();
  }

  /** Writes the rows and notes under the report directory, if one is configured. */
  synchronized void write() {
    String dir = System.getProperty("faults.report");
    if (dir == null) {
      return;
    }
    StringBuilder tsv = new StringBuilder(COLUMNS).append('\n');
    for (Row r : rows) {
      tsv.append(String.format(Locale.ROOT, "%d\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\t%.3f\t%d\t%.1f"
          + "\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", r.round, r.scenario, r.requests,
          r.control.percentileMillis(50), r.control.percentileMillis(99), r.fault.percentileMillis(50),
          r.fault.percentileMillis(99), r.p99Ratio(), r.control.requestsPerSecond(), r.fault.requestsPerSecond(),
          r.rpsRatio(), r.fault.errors() + r.control.errors(), r.controlHeapMb, r.faultHeapMb, r.spans.produced,
          r.spans.exported, r.spans.failed, r.spans.dropped, r.logs.produced, r.logs.exported, r.logs.failed,
          r.logs.dropped, r.stderrLines, r.recoveryMs));
    }
    try {
      Files.createDirectories(Path.of(dir));
      Files.writeString(Path.of(dir, file + ".tsv"), tsv);
      Files.writeString(Path.of(dir, file + "-notes.tsv"), String.join("\n", notes) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
