package io.scanium.telemetry.dashboard;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line for the dashboard contract check, for CI jobs and for a look at a running service:
 *
 * <pre>
 * java -cp ... io.scanium.telemetry.dashboard.DashboardCheckCli \
 *     (--metrics-url URL | --scrape-file FILE) [--target-label NAME]... DASHBOARD_FILE_OR_DIRECTORY...
 * </pre>
 *
 * <p>Prints the {@link DashboardCheckReport}. Exit status: 0 when every query reads only exposed names, 1 when a
 * metric or label is missing or a query is not valid PromQL, 2 on a usage error or when a file or the URL cannot be
 * read (the message names it).
 */
public final class DashboardCheckCli {

  static final int CLEAN = 0;
  static final int PROBLEMS = 1;
  static final int ERROR = 2;

  private static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: DashboardCheckCli (--metrics-url URL | --scrape-file FILE) [--target-label NAME]...",
          "                         DASHBOARD_FILE_OR_DIRECTORY...",
          "Checks that every metric and label name the Grafana dashboards query is exposed by the service.",
          "  --metrics-url URL     scrape this /metrics endpoint once",
          "  --scrape-file FILE    read a saved scrape (Prometheus text or OpenMetrics)",
          "  --target-label NAME   a label the scraper adds to every series (job and instance are assumed)",
          "Exit status: 0 clean, 1 missing metrics or labels, 2 usage or I/O error.");

  private DashboardCheckCli() {}

  /**
   * Runs the check and exits with its status.
   *
   * @param args see the class description
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    // Returning normally keeps a caller such as exec:java alive on success; only failures need a status.
    if (status != CLEAN) {
      System.exit(status);
    }
  }

  /** The whole command, returning the exit status instead of exiting, so that tests can call it. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String metricsUrl = null;
    String scrapeFile = null;
    List<String> targetLabels = new ArrayList<>();
    List<Path> dashboards = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String option = arg;
      String value = null;
      if (arg.startsWith("--") && arg.contains("=")) {
        option = arg.substring(0, arg.indexOf('='));
        value = arg.substring(arg.indexOf('=') + 1);
      }
      switch (option) {
        case "-h", "--help" -> {
          out.println(USAGE);
          return CLEAN;
        }
        case "--metrics-url", "--scrape-file", "--target-label" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              return usage(err, option + " needs a value");
            }
            value = args[++i];
          }
          if (option.equals("--metrics-url")) {
            metricsUrl = value;
          } else if (option.equals("--scrape-file")) {
            scrapeFile = value;
          } else {
            targetLabels.add(value);
          }
        }
        default -> {
          if (arg.startsWith("-") && !arg.equals("-")) {
            return usage(err, "unknown option " + arg);
          }
          dashboards.add(Path.of(arg));
        }
      }
    }
    if ((metricsUrl == null) == (scrapeFile == null)) {
      return usage(err, "give exactly one of --metrics-url and --scrape-file");
    }
    if (dashboards.isEmpty()) {
      return usage(err, "give at least one dashboard file or directory");
    }
    try {
      ExposedSeries exposed =
          metricsUrl != null
              ? ExposedSeries.fromUrl(url(metricsUrl))
              : ExposedSeries.fromScrapeFile(Path.of(scrapeFile));
      exposed = exposed.withTargetLabels(targetLabels.toArray(new String[0]));
      DashboardCheckReport report = DashboardCheck.of(dashboards).against(exposed).check();
      out.println(report);
      return report.isClean() ? CLEAN : PROBLEMS;
    } catch (UncheckedIOException | IllegalArgumentException e) {
      err.println("dashboard-check: " + e.getMessage());
      return ERROR;
    }
  }

  private static URI url(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("--metrics-url needs an http or https URL, got " + text);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--metrics-url is not a URL: " + text, e);
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("dashboard-check: " + message);
    err.println(USAGE);
    return ERROR;
  }
}
