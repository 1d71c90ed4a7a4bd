package io.scanium.telemetry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.testsupport.Scrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #16's fault suite: a service whose collector fails in each {@link Scenario} in turn, under the same load
 * at the same time as a control service whose collector stays healthy. For each scenario: no request error,
 * latency and throughput beside the control's, the live heap, every span and log record produced accounted for as
 * exported, failed or dropped, the library's stderr bounded, and the time from the collector's recovery to the
 * library's ({@code scanium_telemetry_export_up} back to 1 with new exports). Sizes come from system properties
 * ({@code faults.requests}, {@code faults.threads}, {@code faults.rounds}); benchmarks/load/faults.sh runs the long
 * variant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Every wait inside has its own deadline; this only bounds the long variant (benchmarks/load/faults.sh), whose length
// grows with its rounds and outages.
@Timeout(value = 120, unit = TimeUnit.MINUTES)
class FaultSuiteTest {

  static final int REQUESTS = Integer.getInteger("faults.requests", 2000);
  static final int THREADS = Integer.getInteger("faults.threads", 4);
  static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
  /**
   * Each half of a scenario's load lasts at least this long (seconds): an outage longer than the exporter's retries
   * (about 8 s) turns retried exports into failed ones, which the long variant shows.
   */
  static final Duration HALF_AT_LEAST = Duration.ofMillis(Math.round(1000 * Double.parseDouble(
      System.getProperty("faults.half-seconds", "1"))));
  /** Issue #16's target for the live heap attributable to telemetry; asserted here on the whole child's live heap. */
  static final double HEAP_LIMIT_MB = 64;
  /**
   * The build asserts latency loosely: on 2 shared cores the p99 of one scenario's few thousand requests moves with
   * the neighbours (ratios from 0.13x to 5.4x were seen in one run while other builds ran), and a flaky test is a
   * bug. So each scenario's median is checked, and the p99 of all scenarios' requests together; the strict 1.1x p99
   * target is measured per scenario by the long variant in benchmarks/.
   */
  static final double LOOSE_RATIO = 3;
  static final double P50_SLACK_MS = 1;
  static final double P99_SLACK_MS = 5;
  static final long STDERR_LINES_PER_SCENARIO = 40;
  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

  private final FaultReport report = new FaultReport("faults");
  private final List<String> problems = new ArrayList<>();
  private FakeCollector healthy;
  private FakeCollector faulty;
  private FaultChild control;
  private FaultChild fault;
  private int trickle = 1_000_000;
  private LoadClient.Result allControl = new LoadClient.Result(new long[0], 0, List.of(), 0);
  private LoadClient.Result allFault = new LoadClient.Result(new long[0], 0, List.of(), 0);

  @BeforeAll
  void start() throws Exception {
    healthy = new FakeCollector(Secrets.PLANTED);
    faulty = new FakeCollector(Secrets.PLANTED);
    control = FaultChild.start("control", healthy.endpoint(), Map.of());
    fault = FaultChild.start("fault", faulty.endpoint(), Map.of());
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {control, fault, healthy, faulty}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // Best effort: the next resource must still be closed.
      }
    }
  }

  @Test
  void everyCollectorFailureBesideAHealthyControl() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      for (Scenario scenario : Scenario.values()) {
        runScenario(round, scenario);
      }
    }
    settle(control, "every scenario (the control)");
    double faultP99 = allFault.percentileMillis(99);
    double controlP99 = allControl.percentileMillis(99);
    if (faultP99 > LOOSE_RATIO * controlP99 + P99_SLACK_MS) {
      problems.add("request p99 over every scenario " + faultP99 + " ms against the control's " + controlP99 + " ms");
    }
    problems.addAll(Secrets.findIn("control stderr", control.output(), Secrets.PLANTED));
    problems.addAll(Secrets.findIn("fault stderr", fault.output(), Secrets.PLANTED));
    problems.addAll(Secrets.findIn("control scrape", control.scrape().text(), Secrets.PLANTED));
    problems.addAll(Secrets.findIn("fault scrape", fault.scrape().text(), Secrets.PLANTED));
    problems.addAll(healthy.leaks());
    problems.addAll(faulty.leaks());
    report.write();
    System.out.println("Fault suite (" + REQUESTS + " requests per scenario and service, " + THREADS
        + " connections each, defaults=" + FaultChild.DEFAULTS + "):\n" + report.table());
    assertThat(problems).as("fault suite problems; figures:%n%s", report.table()).isEmpty();
  }

  private void runScenario(int round, Scenario scenario) throws Exception {
    Scrape scrapeBefore = fault.scrape();
    FaultChild.State before = fault.state(false);
    long linesBefore = fault.outputLines();
    int half = REQUESTS / 2;

    scenario.apply(faulty);
    LoadClient.Result[] first = loadBoth(0, half);
    CompletableFuture<Long> recovered;
    double[] heap;
    LoadClient.Result[] second;
    if (scenario.restoresMidLoad()) {
      heap = liveHeapMb();
      recovered = restore(scenario);
      second = loadBoth(half, REQUESTS - half);
    } else {
      second = loadBoth(half, REQUESTS - half);
      heap = liveHeapMb();
      recovered = restore(scenario);
    }
    long recoveryMs = trickleUntil(recovered);
    settle(fault, scenario.description);

    Scrape scrapeAfter = fault.scrape();
    FaultChild.State after = fault.state(false);
    LoadClient.Result onControl = LoadClient.Result.merge(first[0], second[0]);
    LoadClient.Result onFault = LoadClient.Result.merge(first[1], second[1]);
    allControl = LoadClient.Result.merge(allControl, onControl);
    allFault = LoadClient.Result.merge(allFault, onFault);
    FaultReport.Row row = new FaultReport.Row(round, scenario.description, onFault.latenciesNanos().length,
        onControl, onFault,
        heap[0], heap[1], counts("traces", before.spans(), after.spans(), scrapeBefore, scrapeAfter),
        counts("logs", before.logs(), after.logs(), scrapeBefore, scrapeAfter),
        fault.outputLines() - linesBefore, recoveryMs);
    healthy.searchAndForget();
    faulty.searchAndForget();
    report.add(row);
    report.write(); // after each scenario, so that a run stopped half-way keeps its figures
    int known = problems.size();
    checkRow(row);
    System.out.printf(java.util.Locale.ROOT, "fault suite: round %d, %s: recovery %d ms, spans %s, logs %s,"
        + " heap %.1f MB, p99 %.2f/%.2f ms%s%n", round, scenario.description, recoveryMs, row.spans().cell(),
        row.logs().cell(), heap[1], row.control().percentileMillis(99), row.fault().percentileMillis(99),
        problems.size() > known ? ": " + problems.subList(known, problems.size()) : "");
  }

  private void checkRow(FaultReport.Row row) {
    String at = "round " + row.round() + ", " + row.scenario() + ": ";
    if (row.fault().errors() + row.control().errors() > 0) {
      problems.add(at + "request errors: fault " + row.fault().someErrors() + ", control "
          + row.control().someErrors());
    }
    if (row.faultHeapMb() > HEAP_LIMIT_MB) {
      problems.add(at + "live heap " + row.faultHeapMb() + " MB > " + HEAP_LIMIT_MB + " MB");
    }
    double faultP50 = row.fault().percentileMillis(50);
    double controlP50 = row.control().percentileMillis(50);
    if (faultP50 > LOOSE_RATIO * controlP50 + P50_SLACK_MS) {
      problems.add(at + "request p50 " + faultP50 + " ms against the control's " + controlP50 + " ms");
    }
    for (FaultReport.Counts c : new FaultReport.Counts[] {row.spans(), row.logs()}) {
      if (c.accounted() != c.produced()) {
        problems.add(at + (c == row.spans() ? "spans" : "log records") + " produced " + c.produced()
            + " but exported+failed+dropped " + c.cell());
      }
    }
    if (row.stderrLines() > STDERR_LINES_PER_SCENARIO) {
      problems.add(at + row.stderrLines() + " stderr lines > " + STDERR_LINES_PER_SCENARIO);
    }
    if (row.recoveryMs() < 0) {
      problems.add(at + "no recovery within " + RECOVERY_LIMIT + " (scanium_telemetry_export_up not back to 1 with"
          + " new exports)");
    }
  }

  /** The same load on both services at the same time: {control, fault}. */
  private LoadClient.Result[] loadBoth(int from, int requests) throws Exception {
    CompletableFuture<LoadClient.Result> onControl = CompletableFuture.supplyAsync(() -> load(control, from, requests));
    LoadClient.Result onFault = load(fault, from, requests);
    return new LoadClient.Result[] {onControl.get(), onFault};
  }

  private static LoadClient.Result load(FaultChild child, int from, int requests) {
    try {
      return LoadClient.run(child.port, THREADS, from, requests, HALF_AT_LEAST, FaultSuiteTest::request,
          status -> status == 200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request with the planted secret in a header and in the query string. */
  static byte[] request(int i) {
    return LoadClient.get("/v1/items/" + i + "?token=" + Secrets.PLANTED + "&page=" + i,
        "Authorization: Bearer " + Secrets.PLANTED);
  }

  /** {control, fault} live heap in MB. */
  private double[] liveHeapMb() throws Exception {
    return new double[] {control.state(true).heapBytes() / 1048576.0, fault.state(true).heapBytes() / 1048576.0};
  }

  /**
   * Makes the collector healthy and watches the scrape until both signals are up again with new exports: the
   * recovery time in ms, or -1 when the limit passed.
   */
  private CompletableFuture<Long> restore(Scenario scenario) throws Exception {
    Scrape atRestore = fault.scrape();
    long start = System.nanoTime();
    scenario.restore(faulty);
    return CompletableFuture.supplyAsync(() -> {
      long deadline = start + RECOVERY_LIMIT.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          Scrape s = fault.scrape();
          if (recovered(atRestore, s, "traces") && recovered(atRestore, s, "logs")) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          }
          TimeUnit.MILLISECONDS.sleep(20); // pacing of the poll; the deadline decides
        }
        return -1L;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static boolean recovered(Scrape atRestore, Scrape now, String signal) {
    return FaultChild.up(now, signal) && FaultChild.counter(now, ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL, signal)
        > FaultChild.counter(atRestore, ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL, signal);
  }

  /** Sends one request every 50 ms while the recovery is watched, so that there is something new to export. */
  private long trickleUntil(CompletableFuture<Long> recovered) throws Exception {
    while (true) {
      try {
        return recovered.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LoadClient.run(fault.port, 1, trickle++, 1, FaultSuiteTest::request, status -> status == 200);
      }
    }
  }

  /** Waits until every span and log record produced so far is accounted for; records a problem if never. */
  private void settle(FaultChild child, String scenario) throws Exception {
    child.awaitAccounted(SETTLE_LIMIT).ifPresent(p -> problems.add("after " + scenario + ": " + p));
  }

  private static FaultReport.Counts counts(String signal, long producedBefore, long producedAfter, Scrape before,
      Scrape after) {
    return new FaultReport.Counts(producedAfter - producedBefore,
        delta(before, after, ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL, signal),
        delta(before, after, ScaniumMetrics.TELEMETRY_EXPORT_FAILED_TOTAL, signal),
        delta(before, after, ScaniumMetrics.TELEMETRY_DROPPED_TOTAL, signal));
  }

  private static long delta(Scrape before, Scrape after, String name, String signal) {
    return FaultChild.counter(after, name, signal) - FaultChild.counter(before, name, signal);
  }
}
