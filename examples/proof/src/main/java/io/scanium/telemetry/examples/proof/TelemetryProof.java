package io.scanium.telemetry.examples.proof;

import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The telemetry proof: one command that shows, signal by signal, that a service instrumented with Scanium telemetry
 * delivers metrics, traces and logs.
 *
 * <p>It starts an example service as a child process ({@code java -jar examples/<name>/target/<name>.jar}) whose
 * only configuration is its environment, as in production: {@code PORT}, {@code SCANIUM_METRICS_PORT} and
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} pointing at an OTLP receiver inside this process. It sends a burst of traffic
 * over every route, with 404s and 500s, each request with a {@code traceparent} of its own; then it reads the
 * service's scrape endpoint and the received spans and log records, and prints what arrived with PASS or FAIL per
 * signal. The exit code is 0 only when every signal passed.
 *
 * <p>With {@code --otlp-endpoint} the service exports to a collector of your own instead; with
 * {@code --service-url}/{@code --scrape-url} nothing is started and an already running example service is proven.
 * Spans and logs are then proven by the library's export-health series (accepted by the collector, none failed,
 * none dropped). Run with {@code --help} for every option.
 */
public final class TelemetryProof {

  private static final Duration METRICS_SETTLE = Duration.ofSeconds(10);

  private TelemetryProof() {}

  /**
   * Runs the proof and exits with 0 when every signal passed, 1 when one failed, 2 on a usage error.
   *
   * @param args the options, see {@code --help}
   */
  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = 130;
    }
    System.exit(code);
  }

  /** Runs the proof, printing to {@code out}; returns the exit code. */
  static int run(String[] args, PrintStream out) throws InterruptedException {
    Options options;
    Path jar = null;
    try {
      options = Options.parse(args);
      if (options.help()) {
        out.println(Options.USAGE);
        return 0;
      }
      if (options.startsService()) {
        jar = options.resolveJar(codeLocation());
      }
    } catch (IllegalArgumentException e) {
      out.println("telemetry proof: " + e.getMessage());
      out.println();
      out.println(Options.USAGE);
      return 2;
    }
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    try {
      return new Run(options, jar, client, out).execute();
    } catch (IOException e) {
      out.println("FAIL     the proof could not run: " + e);
      return 1;
    }
  }

  private static Path codeLocation() {
    try {
      var source = TelemetryProof.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** One run: the service, the receiver, and the results. */
  private static final class Run {
    private final Options options;
    private final Path jar;
    private final HttpClient client;
    private final PrintStream out;

    Run(Options options, Path jar, HttpClient client, PrintStream out) {
      this.options = options;
      this.jar = jar;
      this.client = client;
      this.out = out;
    }

    int execute() throws IOException, InterruptedException {
      OtlpReceiver receiver = null;
      ExampleService service = null;
      try {
        URI serviceUrl;
        URI scrapeUrl;
        String collector;
        out.println("Scanium telemetry proof");
        if (options.startsService()) {
          if (options.inProcessReceiver()) {
            receiver = OtlpReceiver.start();
            collector = receiver.endpoint();
          } else {
            collector = options.otlpEndpoint();
          }
          int port = options.port() > 0 ? options.port() : ExampleService.freePort();
          int metricsPort = options.metricsPort() > 0 ? options.metricsPort() : ExampleService.freePort();
          Map<String, String> env = new LinkedHashMap<>();
          env.put("PORT", Integer.toString(port));
          env.put("HOST", options.host());
          env.put("SCANIUM_METRICS_PORT", Integer.toString(metricsPort));
          env.put("SCANIUM_METRICS_HOST", options.host());
          env.put("OTEL_SERVICE_NAME", options.serviceName());
          env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=" + options.environment());
          env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector);
          // Batches leave after 500 ms instead of 5 s, so the proof waits less; nothing else differs from production.
          env.put("OTEL_BSP_SCHEDULE_DELAY", "500");
          env.put("OTEL_BLRP_SCHEDULE_DELAY", "500");
          Path console = Files.createTempFile("telemetry-proof-" + options.example() + "-", ".log");
          service = ExampleService.start(jar, env, console);
          String local = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1"
              : options.host().contains(":") ? "[" + options.host() + "]" : options.host();
          serviceUrl = URI.create("http://" + local + ":" + port + "/");
          scrapeUrl = URI.create("http://" + local + ":" + metricsPort + "/metrics");
          out.println("  example   " + options.example() + "  (java -jar " + jar + ", pid " + service.pid() + ")");
          out.println("  env       " + describe(env));
          out.println("  service   " + serviceUrl);
          out.println("  scrape    " + scrapeUrl);
          out.println("  OTLP      " + collector + (receiver != null ? "  (in-process receiver)" : "  (your "
              + "collector)"));
          out.println("  console   " + console);
          long t0 = System.nanoTime();
          String notReady = service.awaitReady(client, serviceUrl.resolve("/health"), Duration.ofSeconds(60));
          if (notReady != null) {
            out.println();
            out.println("FAIL     the service did not start: " + notReady);
            out.println("  its output (" + console + "):");
            out.print(service.outputTail(40));
            return 1;
          }
          out.printf("  ready     after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } else {
          serviceUrl = options.serviceUrl();
          scrapeUrl = options.scrapeUrl();
          collector = "the service's collector";
          out.println("  service   " + serviceUrl + "  (running; not started by the proof)");
          out.println("  scrape    " + scrapeUrl);
        }
        out.println();

        List<Result> results = new ArrayList<>();
        String scrapeError = null;
        Exposition before = null;
        try {
          before = MetricsCheck.scrape(client, scrapeUrl);
        } catch (IOException e) {
          scrapeError = "cannot scrape " + scrapeUrl + ": " + e;
        }

        List<Traffic.Sent> sent = Traffic.send(client, serviceUrl, options.rounds());
        Result traffic = trafficResult(sent);
        traffic.print(out);

        Exposition after = null;
        if (scrapeError == null) {
          long deadline = System.nanoTime() + METRICS_SETTLE.toNanos();
          do {
            try {
              after = MetricsCheck.scrape(client, scrapeUrl);
              scrapeError = null;
            } catch (IOException e) {
              scrapeError = "cannot scrape " + scrapeUrl + ": " + e;
            }
            if (after != null && MetricsCheck.complete(before, after, sent)) {
              break;
            }
            Thread.sleep(100); // polling interval; the loop ends on the counts or the deadline
          } while (System.nanoTime() < deadline);
        }
        Result metrics = MetricsCheck.check(before, after, sent, options.startsService(), options.serviceName(),
            options.environment());
        if (scrapeError != null) {
          metrics.fail(scrapeError);
        }
        metrics.summary(scrapeUrl + ": " + metricsSummary(metrics));
        results.add(metrics);
        metrics.print(out);

        long expectedLogs = Traffic.count(sent, Traffic.Logs.CLASSIFIED)
            + Traffic.count(sent, Traffic.Logs.BACKEND_FAILED);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Exposition health = after;
        if (receiver != null) {
          while (System.nanoTime() < deadline && (SignalChecks.serverSpans(receiver, sent).size() < sent.size()
              || !SignalChecks.logsComplete(receiver, sent))) {
            Thread.sleep(100); // polling interval, bounded by --timeout
          }
          health = scrapeQuietly(scrapeUrl);
          Result traces = SignalChecks.traces(receiver, sent, options.serviceName());
          Result logs = SignalChecks.logs(receiver, sent);
          for (Result r : List.of(traces, logs)) {
            ExportHealthCheck.Movement m = ExportHealthCheck.movement(before, health, r.signal());
            r.detail(m.describe());
            r.require(m.present() && m.failed() == 0 && m.dropped() == 0, "the export-health series show a problem: "
                + m.describe());
          }
          if (!logs.passed() && service != null) {
            service.output().lines().filter(l -> l.contains("slf4j logs:")).findFirst()
                .ifPresent(l -> logs.detail("the service's startup report: " + l.trim()));
          }
          results.add(traces);
          results.add(logs);
        } else {
          ExportHealthCheck.Movement tm;
          ExportHealthCheck.Movement lm;
          do {
            health = scrapeQuietly(scrapeUrl);
            tm = ExportHealthCheck.movement(before, health, "traces");
            lm = ExportHealthCheck.movement(before, health, "logs");
            if (ExportHealthCheck.settled(tm, sent.size()) && ExportHealthCheck.settled(lm, expectedLogs)) {
              break;
            }
            Thread.sleep(250); // polling interval, bounded by --timeout
          } while (System.nanoTime() < deadline);
          Result traces = ExportHealthCheck.verdict("traces", tm, sent.size(), "spans", collector);
          Result logs = ExportHealthCheck.verdict("logs", lm, expectedLogs, "log records", collector);
          Traffic.Sent failing = sent.stream().filter(s -> s.planned().status() == 500).findFirst().orElse(null);
          if (failing != null && traces.passed()) {
            // The name the service really runs under: with --service-url it was configured elsewhere.
            String name = health == null ? options.serviceName()
                : health.series(MetricsCheck.INFO, Map.of()).stream().map(sample -> sample.label("service_name"))
                    .filter(n -> n != null).findFirst().orElse(options.serviceName());
            traces.detail("look one up in your tracing backend (Tempo): trace id " + failing.traceId() + " ("
                + failing.planned().method() + " " + failing.planned().path() + ", service.name=\"" + name + "\")");
            logs.detail("and its logs (Loki): {service_name=\"" + name + "\"} | trace_id=\"" + failing.traceId()
                + "\"");
          }
          results.add(traces);
          results.add(logs);
        }
        results.get(1).print(out);
        results.get(2).print(out);

        if (service != null && options.holdSeconds() > 0) {
          hold(serviceUrl, scrapeUrl);
        }
        if (service != null) {
          Integer exit = service.stop(Duration.ofSeconds(15));
          out.println("service stopped (SIGTERM): " + (exit == null ? "did not exit within 15 s, killed"
              : "exit code " + exit) + "; its console output is in " + service.outputFile());
        }
        boolean pass = traffic.passed() && results.stream().allMatch(Result::passed);
        StringBuilder summary = new StringBuilder();
        for (Result r : results) {
          summary.append(summary.length() == 0 ? "" : ", ").append(r.signal()).append(' ')
              .append(r.passed() ? "PASS" : "FAIL");
        }
        if (!traffic.passed()) {
          summary.append(", traffic FAIL");
        }
        out.println("RESULT   " + (pass ? "PASS" : "FAIL") + "  " + summary);
        if (!pass && service != null) {
          out.println("  the service's last output lines:");
          out.print(service.outputTail(25));
        }
        return pass ? 0 : 1;
      } finally {
        if (service != null) {
          service.close();
        }
        if (receiver != null) {
          receiver.close();
        }
      }
    }

    private Exposition scrapeQuietly(URI scrapeUrl) throws InterruptedException {
      try {
        return MetricsCheck.scrape(client, scrapeUrl);
      } catch (IOException e) {
        return null;
      }
    }

    private void hold(URI serviceUrl, URI scrapeUrl) throws InterruptedException {
      out.println("holding the service for " + options.holdSeconds() + " s: " + serviceUrl + ", scrape " + scrapeUrl
          + "; a round of traffic every 5 s");
      long end = System.nanoTime() + Duration.ofSeconds(options.holdSeconds()).toNanos();
      while (System.nanoTime() < end) {
        Traffic.send(client, serviceUrl, 1);
        long left = end - System.nanoTime();
        if (left > 0) {
          Thread.sleep(Math.min(5000, left / 1_000_000)); // traffic pacing, not synchronisation
        }
      }
    }

    private static String metricsSummary(Result metrics) {
      return metrics.passed() ? "the scanium_http_* series grew by exactly the traffic sent"
          : metrics.failures().size() + " problem(s)";
    }
  }

  private static Result trafficResult(List<Traffic.Sent> sent) {
    Result r = new Result("traffic");
    Map<Integer, Integer> byStatus = new TreeMap<>();
    for (Traffic.Sent s : sent) {
      byStatus.merge(s.status(), 1, Integer::sum);
      if (!s.asExpected()) {
        r.fail(s.planned().method() + " " + s.planned().path() + " answered "
            + (s.status() < 0 ? "nothing (" + s.error() + ")" : Integer.toString(s.status())) + ", expected "
            + s.planned().status());
      }
    }
    StringBuilder statuses = new StringBuilder();
    byStatus.forEach((code, n) -> statuses.append(' ').append(code < 0 ? "none" : code).append('x').append(n));
    return r.summary(sent.size() + " requests (" + sent.size() / Traffic.ROUND.size() + " round(s) over every route):"
        + statuses);
  }

  private static String describe(Map<String, String> env) {
    StringBuilder sb = new StringBuilder();
    env.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }
}
