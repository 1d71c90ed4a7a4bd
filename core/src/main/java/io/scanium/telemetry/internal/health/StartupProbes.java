package io.scanium.telemetry.internal.health;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.Problem;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.config.OtlpTarget;
import io.scanium.telemetry.internal.config.Problems;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Setting;
import io.scanium.telemetry.internal.config.SignalPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The startup probe of every signal exported over OTLP, all at once, within a bounded time; the results as stderr
 * lines and as {@code scanium_telemetry_startup_probe{signal,result}}.
 */
public final class StartupProbes {

  /** Each probe's own deadline (resolving, connecting, answering). */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  /** The longest the probes may take together: what {@code SCANIUM_STARTUP_PROBE=fail} adds to a start. */
  public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);

  private final Gauge series;

  private StartupProbes(Gauge series) {
    this.series = series;
  }

  /** Registers the probe's series in {@code registry}. */
  public static StartupProbes register(PrometheusRegistry registry) {
    return new StartupProbes(Gauge.builder().name(ScaniumMetrics.TELEMETRY_STARTUP_PROBE)
        .help("1 for the startup probe's result per signal: ready, unknown_host, refused, timeout, tls_failure,"
            + " not_found, unauthorized, unsupported_media_type, other.")
        .labelNames(ScaniumMetrics.LABEL_SIGNAL, "result").register(registry));
  }

  /**
   * The probe as install runs it, before anything else starts: with {@code fail}, probes now and refuses the start
   * unless every collector answered; with {@code warn}, probes only once the returned action runs (after the
   * report, on a thread of its own, so it never delays the start); with {@code off}, or nothing sent over OTLP,
   * nothing.
   *
   * @return what to run once the startup report is printed: the answers' lines
   */
  public static Runnable beforeStart(ResolvedConfig config, PrometheusRegistry registry,
      StartupProbe.Resolver resolver) {
    if (config.startupProbe().equals("off") || !anyOtlp(config)) {
      return () -> { };
    }
    StartupProbes probes = register(registry);
    if (config.startupProbe().equals("fail")) {
      List<StartupProbe.Result> results = refuseUnlessReady(config, probes.probe(config, resolver));
      return () -> print(results);
    }
    return () -> {
      Thread probe = new Thread(() -> print(probes.probe(config, resolver)), "scanium-startup-probe");
      probe.setDaemon(true);
      probe.start();
    };
  }

  /** Probes every OTLP signal of {@code config} and waits for the answers, at most {@link #TOTAL_TIMEOUT}. */
  public List<StartupProbe.Result> probe(ResolvedConfig config, StartupProbe.Resolver resolver) {
    List<SignalPlan> plans = new ArrayList<>();
    for (SignalPlan p : config.signals().values()) {
      if (!config.sdkDisabled() && p.otlp() && p.url().isPresent()) {
        plans.add(p);
      }
    }
    List<StartupProbe.Result> results = new ArrayList<>();
    if (plans.isEmpty()) {
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(plans.size(), r -> {
      Thread t = new Thread(r, "scanium-startup-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Callable<StartupProbe.Result>> calls = new ArrayList<>();
      for (SignalPlan p : plans) {
        OtlpTarget target = p.target().orElseThrow();
        calls.add(() -> StartupProbe.probe(p.signal(), target.url(), target.headers(), PROBE_TIMEOUT, resolver));
      }
      List<Future<StartupProbe.Result>> futures = pool.invokeAll(calls, TOTAL_TIMEOUT.toMillis(),
          TimeUnit.MILLISECONDS);
      for (int i = 0; i < plans.size(); i++) {
        SignalPlan p = plans.get(i);
        StartupProbe.Result r;
        try {
          r = futures.get(i).get();
        } catch (CancellationException | ExecutionException e) {
          r = new StartupProbe.Result(p.signal(), p.url().orElseThrow(), StartupProbe.Outcome.TIMEOUT,
              "no answer within " + TOTAL_TIMEOUT.toMillis() + " ms");
        }
        results.add(r);
        series.labelValues(r.signal().id(), r.outcome().label()).set(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  /** One stderr line per result: INFO when ready, WARN with the fix otherwise. */
  public static void print(List<StartupProbe.Result> results) {
    for (StartupProbe.Result r : results) {
      Diagnostics.print("[scanium-telemetry] " + (r.outcome() == StartupProbe.Outcome.READY ? "INFO " : "WARN ")
          + r.describe());
    }
  }

  /** The signal's results that are not ready. */
  public static List<StartupProbe.Result> failed(List<StartupProbe.Result> results) {
    return results.stream().filter(r -> r.outcome() != StartupProbe.Outcome.READY).toList();
  }

  /** Whether any signal goes to an OTLP endpoint, i.e. whether there is anything to probe. */
  public static boolean anyOtlp(ResolvedConfig config) {
    return !config.sdkDisabled() && config.signals().values().stream().anyMatch(p -> p.otlp() && p.url().isPresent());
  }

  /** With {@code SCANIUM_STARTUP_PROBE=fail}: the results when every collector answered, else the refusal. */
  public static List<StartupProbe.Result> refuseUnlessReady(ResolvedConfig config,
      List<StartupProbe.Result> results) {
    List<StartupProbe.Result> failed = StartupProbes.failed(results);
    if (failed.isEmpty()) {
      return results;
    }
    List<Problem> problems = new ArrayList<>();
    for (StartupProbe.Result r : failed) {
      problems.add(Problems.of(config.setting(Setting.STARTUP_PROBE), "the collector for " + r.signal().id()
          + " at " + r.url() + " does not take it: " + r.outcome().name().replace('_', ' ') + " (" + r.detail() + ").",
          r.outcome().fix() + " To start regardless, set " + Setting.STARTUP_PROBE.variable() + "=warn."));
    }
    throw new TelemetryConfigurationException(problems);
  }
}
