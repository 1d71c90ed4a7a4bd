package io.scanium.telemetry.doctor;

import io.scanium.telemetry.Problem;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.config.ConfigSource;
import io.scanium.telemetry.internal.config.ConfigValue;
import io.scanium.telemetry.internal.config.ConfigValidator;
import io.scanium.telemetry.internal.config.ContainerDetector;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.SignalPlan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar scanium-telemetry-doctor-<version>-all.jar doctor [options]}: checks a deployed service end to
 * end from where it runs. Given the service's environment ({@code OTEL_*}, {@code SCANIUM_*}, or {@code --set}), it
 * validates the configuration as the library does, reads the scrape endpoint, probes each signal's collector
 * endpoint with the library's startup probe, and, given {@code --prometheus-url}, queries Prometheus or Mimir for
 * the service's {@code up}, {@code scanium_telemetry_info} and {@code scanium_http_requests_total}. One PASS, FAIL
 * or SKIP line per check, each failure with its fix; exit status 0 when nothing failed, 1 when a check failed, 2 on
 * a usage error.
 */
public final class Doctor {

  static final int PASSED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private Doctor() {}

  /**
   * Runs the doctor with the process environment and system properties, and exits with its status.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    Map<String, String> properties = new TreeMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    System.exit(run(args, System.getenv(), properties, System.out));
  }

  /** The whole command with the configuration given as maps, returning the exit status: what tests call. */
  static int run(String[] args, Map<String, String> environment, Map<String, String> systemProperties,
      PrintStream out) {
    DoctorOptions options;
    try {
      options = DoctorOptions.parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println(DoctorOptions.USAGE);
      return USAGE;
    }
    if (options.help()) {
      out.println(DoctorOptions.USAGE);
      return PASSED;
    }
    out.println("scanium-telemetry doctor " + ScaniumTelemetry.version());
    List<Check> checks = new ArrayList<>();
    ResolvedConfig config = null;
    ConfigSource source = ConfigSource.of(environment, systemProperties, options.settings());
    try {
      config = ConfigValidator.resolve(source, ContainerDetector.filesystem(Path.of("/")));
      checks.add(Check.pass("configuration", describe(config)));
    } catch (TelemetryConfigurationException e) {
      StringBuilder problems = new StringBuilder();
      for (Problem p : e.problems()) {
        problems.append(System.lineSeparator()).append("     ").append(p.render());
      }
      checks.add(Check.fail("configuration", "the service's configuration as given here is refused:" + problems,
          "give the doctor the service's own variables (environment or --set NAME=VALUE); mend what is refused."));
    }
    print(out, checks, 0);
    // With a refused configuration, the service name as given still finds the series.
    String service = config != null ? config.serviceName()
        : source.get("OTEL_SERVICE_NAME").map(ConfigValue::value).orElse(null);
    String scrapeUrl = options.scrapeUrl() != null ? options.scrapeUrl() : ScrapeCheck.defaultUrl(config);
    ScrapeCheck.Result scrape = ScrapeCheck.run(scrapeUrl, config, service, options.timeout());
    checks.add(scrape.check());
    checks.addAll(CollectorCheck.run(config));
    PrometheusApi api = options.prometheusUrl() == null ? null
        : new PrometheusApi(options.prometheusUrl(), options.prometheusHeaders(), options.timeout());
    checks.addAll(PrometheusCheck.run(api, service, scrape));
    print(out, checks, 1);
    long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
    long skipped = checks.stream().filter(c -> c.status() == Check.Status.SKIP).count();
    // One last line for scripts and people alike: the verdict first.
    out.println(failed > 0 ? "Result: FAIL (" + failed + " of " + checks.size() + " checks failed)"
        : "Result: PASS (" + (checks.size() - skipped) + " passed" + (skipped > 0 ? ", " + skipped + " skipped" : "")
            + ")");
    return failed == 0 ? PASSED : FAILED;
  }

  private static void print(PrintStream out, List<Check> checks, int from) {
    for (int i = from; i < checks.size(); i++) {
      out.println(checks.get(i).render());
    }
    out.flush();
  }

  private static String describe(ResolvedConfig config) {
    StringBuilder sb = new StringBuilder("service_name=\"" + config.serviceName() + "\"");
    for (SignalPlan p : config.signals().values()) {
      if (!config.sdkDisabled() && p.otlp()) {
        p.url().ifPresent(u -> sb.append(", ").append(p.signal().id()).append(" -> ").append(u));
      }
    }
    return sb.toString();
  }
}
