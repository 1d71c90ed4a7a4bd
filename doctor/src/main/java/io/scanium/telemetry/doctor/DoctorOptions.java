package io.scanium.telemetry.doctor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line, parsed: where to scrape, where to query, and configuration given as flags on top of the
 * environment (the service's own variables, so that the doctor computes the same endpoints as the service).
 */
record DoctorOptions(String scrapeUrl, String prometheusUrl, Map<String, String> prometheusHeaders,
    Map<String, String> settings, Duration timeout, boolean help) {

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar scanium-telemetry-doctor-<version>-all.jar doctor [options]",
      "Checks a deployed service end to end, from where it runs, with the service's environment (OTEL_*, SCANIUM_*):",
      "the scrape endpoint, each signal's collector endpoint, and the service's series in Prometheus or Mimir.",
      "  --scrape-url URL             the service's scrape endpoint as seen from here (default: from",
      "                               SCANIUM_METRICS_PORT/PATH on localhost)",
      "  --prometheus-url URL         Prometheus (http://prometheus:9090) or Mimir (http://mimir/prometheus) to query",
      "  --prometheus-header N=V      a header for the queries, e.g. X-Scope-OrgID=tenant (repeatable)",
      "  --set NAME=VALUE             a configuration variable as the service has it, e.g. OTEL_SERVICE_NAME=shop",
      "                               (repeatable; wins over the environment)",
      "  --help                       this text",
      "  --timeout SECONDS            each scrape and query request's deadline (default 5; the collector probe",
      "                               is the library's: 2 s a signal)",
      "Exit status: 0 every check passed (or was skipped), 1 a check failed, 2 usage error.");

  /** Parses {@code args}; the leading {@code doctor} command word is optional. */
  static DoctorOptions parse(String[] args) {
    String scrape = null;
    String prometheus = null;
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    Duration timeout = Duration.ofSeconds(5);
    int i = args.length > 0 && args[0].equals("doctor") ? 1 : 0;
    for (; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new DoctorOptions(null, null, Map.of(), Map.of(), timeout, true);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown argument or missing value: " + arg);
      }
      String value = args[++i];
      switch (arg) {
        case "--scrape-url" -> scrape = value;
        case "--prometheus-url" -> prometheus = value;
        case "--prometheus-header" -> pair(arg, value, headers);
        case "--set" -> pair(arg, value, settings);
        case "--timeout" -> timeout = seconds(value);
        default -> throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return new DoctorOptions(scrape, prometheus, headers, settings, timeout, false);
  }

  private static void pair(String flag, String value, Map<String, String> into) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(flag + " takes NAME=VALUE, not " + value);
    }
    into.put(value.substring(0, eq).trim(), value.substring(eq + 1));
  }

  private static Duration seconds(String value) {
    try {
      long s = Long.parseLong(value.trim());
      if (s > 0) {
        return Duration.ofSeconds(s);
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException("--timeout takes a positive number of seconds, not " + value);
  }
}
