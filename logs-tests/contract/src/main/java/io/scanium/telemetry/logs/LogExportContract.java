package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * What every supported SLF4J backend must do once {@link ScaniumTelemetry} is installed, checked through real
 * OTLP/HTTP into the decoding receiver. Each backend module runs it with exactly one SLF4J provider on its classpath
 * and a test configuration whose console pattern is
 * {@code level logger trace_id=%X{trace_id} span_id=%X{span_id} order_id=%X{order_id} - message}, with the root
 * logger at DEBUG, and a logger {@code bulk} with {@code additivity="false"} writing to a no-op appender.
 */
public abstract class LogExportContract {

  /** Generous: the batch processors export every 50 ms here. */
  protected static final Duration WAIT = Duration.ofSeconds(20);

  /** A logger outside the library's and OpenTelemetry's packages, as the service's own code would use. */
  protected static final Logger APP = LoggerFactory.getLogger("app.checkout");

  protected OtlpReceiver receiver;
  protected ScaniumTelemetry telemetry;
  private PrintStream originalOut;
  private ByteArrayOutputStream console;

  /** The backend name the startup report must give, e.g. {@code logback}. */
  protected abstract String backend();

  /**
   * Called before events are logged ahead of install. Backends that keep such events only when their configuration
   * declares OpenTelemetry's appender load such a configuration here.
   */
  protected void beforeEventsLoggedBeforeInstall() {}

  /** Undoes {@link #beforeEventsLoggedBeforeInstall}. */
  protected void afterEventsLoggedBeforeInstall() {}

  @BeforeEach
  void startReceiverAndCaptureConsole() {
    receiver = OtlpReceiver.start();
    originalOut = System.out;
    console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(originalOut, console), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void closeEverything() {
    try {
      if (telemetry != null) {
        telemetry.close();
      }
    } finally {
      MDC.clear();
      System.setOut(originalOut);
      receiver.close();
    }
  }

  /** Installs telemetry exporting to the receiver, plus {@code extra} variables. */
  protected ScaniumTelemetry install(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "OTEL_SERVICE_NAME", "logs-test",
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
        "OTEL_BSP_SCHEDULE_DELAY", "50",
        "OTEL_BLRP_SCHEDULE_DELAY", "50",
        "SCANIUM_METRICS_PORT", "0"));
    env.putAll(extra);
    telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
    return telemetry;
  }

  /** What the console appender printed since the test started. */
  protected String console() {
    synchronized (console) {
      return console.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void startupReportNamesTheBackendAndTheAttachedAppender() {
    install(Map.of());
    String line = telemetry.startupReport().lines().filter(l -> l.contains("slf4j logs:")).findFirst().orElseThrow();
    assertThat(line).contains(backend()).contains("bound to this SDK").doesNotContain("NOT exported");
    // The routing's clauses one per line, so the report reads in a terminal (it once ran to ~390 characters).
    List<String> lines = telemetry.startupReport().lines().toList();
    List<String> section = new ArrayList<>(List.of(line));
    for (int i = lines.indexOf(line) + 1; i < lines.size() && lines.get(i).startsWith("              "); i++) {
      section.add(lines.get(i));
    }
    assertThat(section).as("the report's slf4j logs section").hasSizeGreaterThan(1)
        .allSatisfy(l -> assertThat(l.length()).as("length of report line '%s'", l).isLessThanOrEqualTo(120));
  }

  @Test
  void logInsideSpanCarriesItsIdsAndTheSpansResource() {
    install(Map.of());
    String body = "inside span " + UUID.randomUUID();
    Span span = telemetry.openTelemetry().getTracer("logs-test").spanBuilder("checkout").startSpan();
    Scope scope = span.makeCurrent();
    try {
      APP.info("{}", body);
    } finally {
      scope.close();
      span.end();
    }

    ReceivedSpan exported = receiver.awaitSpan(ReceivedSpan.named("checkout"), WAIT);
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(log.traceIdHex()).isEqualTo(exported.traceIdHex()).hasSize(32);
    assertThat(log.spanIdHex()).isEqualTo(exported.spanIdHex()).hasSize(16);
    assertThat(log.severityText()).isEqualTo("INFO");
    assertThat(log.severityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(log.scopeName()).isEqualTo("app.checkout");
    assertThat(log.attribute("thread.name")).isEqualTo(Thread.currentThread().getName());
    assertThat(log.resource().getAttributesList()).isEqualTo(exported.resource().getAttributesList());
    assertThat(log.resourceAttribute("service.name")).isEqualTo("logs-test");
    // The console keeps its output, and shows the same ids.
    assertThat(console()).contains("trace_id=" + exported.traceIdHex() + " span_id=" + exported.spanIdHex()
        + " order_id= - " + body);
  }

  @Test
  void logOutsideSpanHasNoTraceIdsAnywhere() {
    install(Map.of());
    String body = "outside span " + UUID.randomUUID();
    APP.info(body);
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(log.traceIdHex()).isEmpty();
    assertThat(console()).contains("trace_id= span_id= order_id= - " + body);
  }

  @Test
  void exceptionLogCarriesTypeMessageAndStackTrace() {
    install(Map.of());
    String body = "payment failed " + UUID.randomUUID();
    APP.error(body, new IllegalStateException("card declined"));
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(log.severityText()).isEqualTo("ERROR");
    assertThat(log.severityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(log.attribute("exception.type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(log.attribute("exception.message")).isEqualTo("card declined");
    assertThat(log.attribute("exception.stacktrace"))
        .startsWith("java.lang.IllegalStateException: card declined")
        .contains("exceptionLogCarriesTypeMessageAndStackTrace");
    assertThat(console()).contains(body).contains("java.lang.IllegalStateException: card declined");
  }

  @Test
  void mdcEntriesArriveAsAttributes() {
    install(Map.of());
    String body = "with context " + UUID.randomUUID();
    MDC.put("order_id", "o-17");
    try {
      APP.info(body);
    } finally {
      MDC.remove("order_id");
    }
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(log.attribute("order_id")).isEqualTo("o-17");
    assertThat(console()).contains("order_id=o-17 - " + body);
  }

  @Test
  void debugIsNotExportedAtTheDefaultLevelWhileTheConsoleShowsIt() {
    install(Map.of());
    String debug = "debug line " + UUID.randomUUID();
    String marker = "info after debug " + UUID.randomUUID();
    APP.debug(debug);
    APP.info(marker);
    // Both went into the same queue in this order: once the later one arrived, the earlier one would have too.
    receiver.awaitLog(ReceivedLog.withBody(marker), WAIT);
    assertThat(receiver.logs()).noneMatch(l -> debug.equals(l.body()));
    assertThat(console()).contains("DEBUG").contains(debug);
  }

  @Test
  void warnLevelSettingDropsInfo() {
    install(Map.of("SCANIUM_LOGS_LEVEL", "WARN"));
    String info = "info under warn " + UUID.randomUUID();
    String warn = "warn marker " + UUID.randomUUID();
    APP.info(info);
    APP.warn(warn);
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(warn), WAIT);
    assertThat(log.severityText()).isEqualTo("WARN");
    assertThat(receiver.logs()).noneMatch(l -> info.equals(l.body()));
    assertThat(console()).contains(info);
    assertThat(telemetry.startupReport()).contains("events at WARN and above");
  }

  @Test
  void eventsLoggedBeforeInstallAreExportedAfterInstall() {
    beforeEventsLoggedBeforeInstall();
    try {
      String body = "before install " + UUID.randomUUID();
      APP.info(body);
      install(Map.of());
      ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
      assertThat(log.scopeName()).isEqualTo("app.checkout");
      assertThat(log.resourceAttribute("service.name")).isEqualTo("logs-test");
    } finally {
      afterEventsLoggedBeforeInstall();
    }
  }

  @Test
  void closeStopsExportAndANewInstanceTakesOver() {
    install(Map.of());
    telemetry.close();
    String between = "between instances " + UUID.randomUUID();
    APP.info(between);
    OtlpReceiver first = receiver;
    receiver = OtlpReceiver.start();
    try {
      install(Map.of());
      String body = "second instance " + UUID.randomUUID();
      APP.info(body);
      receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
      assertThat(first.logs()).noneMatch(l -> body.equals(l.body()) || between.equals(l.body()));
    } finally {
      first.close();
    }
  }

  /**
   * A collector that refuses connections: 100,000 log calls complete without waiting on the network, memory stays
   * bounded, drops are counted, the SDK's own complaints (bridged from java.util.logging into SLF4J, as many services
   * do) never enter the pipeline, and the library's stderr diagnostics are rate-limited.
   */
  @Test
  void collectorOutageNeitherBlocksNorGrowsNorLoops() throws Exception {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    PrintStream diagnosticsOut = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
    Diagnostics.setOutput(diagnosticsOut);
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    ScopeWatch watch = new ScopeWatch();
    try {
      Map<String, String> env = new HashMap<>(Map.of(
          "OTEL_SERVICE_NAME", "logs-outage-test",
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + deadPort,
          "OTEL_BSP_SCHEDULE_DELAY", "50",
          "OTEL_BLRP_SCHEDULE_DELAY", "50",
          "SCANIUM_METRICS_PORT", "0",
          "SCANIUM_SHUTDOWN_TIMEOUT", "1s"));
      telemetry = ScaniumTelemetry.builder().environment(env).addLogRecordProcessor(watch).shutdownHook(false)
          .build();
      Logger bulk = LoggerFactory.getLogger("bulk.orders");
      long heapBefore = usedHeapAfterGc();
      long start = System.nanoTime();
      for (int i = 0; i < 100_000; i++) {
        bulk.info("order {} processed", i);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      long heapAfter = usedHeapAfterGc();
      LoggerFactory.getLogger("io.opentelemetry.sdk.logs.Fake").warn("the SDK complains");
      LoggerFactory.getLogger("io.scanium.telemetry.internal.Fake").warn("the library complains");
      LoggerFactory.getLogger("jdk.internal.httpclient.debug").warn("the HTTP client complains");

      // Printed for docs/logs.md; the assertions below are deliberately loose.
      originalOut.printf("outage: 100,000 calls took %d ms; used heap after GC %d -> %d MB%n", took.toMillis(),
          heapBefore >> 20, heapAfter >> 20);
      assertThat(took).as("100,000 log calls with a dead collector").isLessThan(Duration.ofSeconds(60));
      assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(64L * 1024 * 1024);
      assertThat(watch.count("bulk.orders")).as("events that reached the SDK").isEqualTo(100_000);

      awaitTrue("a dropped log record counted", () -> telemetry.droppedCount("logs") > 0);
      assertThat(droppedLogsSeries()).isPositive();
      awaitTrue("the export failure reported on stderr",
          () -> diagnostics.toString(StandardCharsets.UTF_8).contains("Could not export"));
      // The SDK's exporter warned through java.util.logging -> SLF4J; its events were refused by the appender.
      assertThat(watch.internal()).as("records from io.opentelemetry/io.scanium/jdk loggers").isEmpty();
      long reports = diagnostics.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("Could not export") && l.contains("log records")).count();
      assertThat(reports).as("rate-limited export failure reports for logs").isBetween(1L, 2L);
      originalOut.printf("outage: %d log records dropped and counted%n", telemetry.droppedCount("logs"));
    } finally {
      SLF4JBridgeHandler.uninstall();
      Diagnostics.setOutput(null);
    }
  }

  private double droppedLogsSeries() {
    for (var snapshot : telemetry.registry().scrape()) {
      if (snapshot.getMetadata().getPrometheusName().equals("scanium_telemetry_dropped")) {
        for (var point : snapshot.getDataPoints()) {
          if ("logs".equals(point.getLabels().get("signal"))) {
            return ((io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot) point)
                .getValue();
          }
        }
      }
    }
    throw new AssertionError("no scanium_telemetry_dropped_total{signal=\"logs\"} in the scrape");
  }

  private static long usedHeapAfterGc() {
    java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Polls with a deadline: no sleeping as synchronisation, and a clear message when it never happens. */
  protected static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Counts the records the SDK received per logger, and remembers those of the telemetry machinery itself. */
  static final class ScopeWatch implements io.opentelemetry.sdk.logs.LogRecordProcessor {
    private final Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> internal = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onEmit(io.opentelemetry.context.Context context, io.opentelemetry.sdk.logs.ReadWriteLogRecord r) {
      String scope = r.getInstrumentationScopeInfo().getName();
      counts.merge(scope, 1L, Long::sum);
      if (scope.startsWith("io.opentelemetry") || scope.startsWith("io.scanium") || scope.startsWith("jdk.")) {
        internal.add(scope + ": " + r.getBodyValue());
      }
    }

    long count(String scope) {
      return counts.getOrDefault(scope, 0L);
    }

    List<String> internal() {
      return internal;
    }
  }
}
