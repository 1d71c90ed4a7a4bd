package io.scanium.telemetry.benchmarks.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.internal.config.ConfigSource;
import io.scanium.telemetry.internal.config.ConfigValidator;
import io.scanium.telemetry.internal.config.ContainerDetector;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.logs.LogRouting;
import io.scanium.telemetry.internal.logs.LogRoutingStatus;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * The caller-thread cost of {@code logger.info("order {} processed", id)} through SLF4J and Logback:
 *
 * <ul>
 *   <li>{@code consoleOnly}: the service's console appender alone (a pattern layout writing to a null stream, so the
 *       terminal is not measured): the baseline;
 *   <li>{@code routed}: the same console, plus OpenTelemetry's appender and the trace-id MDC decorator as
 *       {@code ScaniumTelemetry} installs them, into an SDK batch processor whose exporter does nothing;
 *   <li>{@code routedToLoopbackReceiver}: the whole {@code ScaniumTelemetry}, exporting over OTLP/HTTP to a receiver
 *       on the loopback interface (on 2 cores, the exporter and the receiver compete with the measured thread);
 *   <li>{@code routedInSpan}: the same inside a current span (the MDC decorator then copies the MDC);
 *   <li>{@code routedWithoutConsole}: OpenTelemetry's appender alone;
 *   <li>{@code routedWithCodeAttributes}: {@code routed} with the appender's code attributes switched on, the option
 *       the library leaves off;
 *   <li>{@code disabledLevel}: {@code logger.debug} at INFO with routing installed: must allocate nothing.
 * </ul>
 *
 * <p>Run with {@code -prof gc}. JMH's {@code gc.alloc.rate.norm} counts every thread's allocation, the batch
 * processor's and the exporter's included; each state also prints the benchmark thread's own allocation per call
 * ({@code caller-thread B/op}) at the end of every iteration, which is the figure the targets are about.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LogRoutingBenchmark {

  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} trace_id=%X{trace_id} - "
      + "%msg%n";

  /** Logback with the console only: OpenTelemetry's appender, if Logback's initialisation attached it, is removed. */
  @State(Scope.Benchmark)
  public static class ConsoleOnly {
    Logger logger;

    @Setup
    public void setUp() {
      LoggerContext ctx = configureLogback(true);
      // The library attaches its appender when Logback initialises; a baseline must not have it.
      for (Logger l : ctx.getLoggerList()) {
        l.detachAppender("scanium-otlp");
      }
      logger = ctx.getLogger("app.orders");
    }
  }

  /**
   * Logback with the console, and the log routing {@code ScaniumTelemetry} installs (OpenTelemetry's appender on the
   * root logger, the trace-id MDC decorator), bound to an SDK whose batch processor hands batches to an exporter
   * that does nothing: on this 2-core machine a real exporter and receiver would take the CPU the measured thread
   * needs, and measure them instead of the call.
   */
  @State(Scope.Benchmark)
  public static class Routed {
    OpenTelemetrySdk sdk;
    Logger logger;

    @Setup
    public void setUp() {
      LoggerContext ctx = configureLogback(console());
      sdk = OpenTelemetrySdk.builder()
          .setLoggerProvider(SdkLoggerProvider.builder()
              .addLogRecordProcessor(BatchLogRecordProcessor.builder(new NoopExporter()).build())
              .build())
          .build();
      ResolvedConfig config = ConfigValidator.resolve(ConfigSource.of(Map.of(
          "OTEL_SERVICE_NAME", "log-benchmark",
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), Map.of(), Map.of()), ContainerDetector.NONE);
      LogRoutingStatus status = LogRouting.install(sdk, config);
      if (!status.exported()) {
        throw new IllegalStateException("log routing is not installed: " + status);
      }
      logger = ctx.getLogger("app.orders");
      afterInstall(ctx);
    }

    boolean console() {
      return true;
    }

    void afterInstall(LoggerContext ctx) {}

    @TearDown
    public void tearDown() {
      LogRouting.uninstall(sdk);
      sdk.close();
    }
  }

  /** {@link Routed} without the console appender: OpenTelemetry's appender alone. */
  @State(Scope.Benchmark)
  public static class RoutedWithoutConsole extends Routed {
    @Override
    boolean console() {
      return false;
    }
  }

  /** {@link Routed} with OpenTelemetry's code attributes (file, class, method, line of the caller) switched on. */
  @State(Scope.Benchmark)
  public static class RoutedWithCodeAttributes extends Routed {
    @Override
    void afterInstall(LoggerContext ctx) {
      for (Logger l : ctx.getLoggerList()) {
        for (var it = l.iteratorForAppenders(); it.hasNext(); ) {
          Appender<ILoggingEvent> a = it.next();
          if (a instanceof OpenTelemetryAppender) {
            // start() builds a new mapper (and an empty replay queue); the SDK binding survives it.
            a.stop();
            ((OpenTelemetryAppender) a).setCaptureCodeAttributes(true);
            a.start();
          }
        }
      }
    }
  }

  /** The whole of {@code ScaniumTelemetry}, exporting over OTLP/HTTP to a receiver on the loopback interface. */
  @State(Scope.Benchmark)
  public static class ToLoopbackReceiver {
    OtlpReceiver receiver;
    ScaniumTelemetry telemetry;
    Logger logger;

    @Setup
    public void setUp() {
      LoggerContext ctx = configureLogback(true);
      receiver = OtlpReceiver.start();
      Map<String, String> env = new HashMap<>();
      env.put("OTEL_SERVICE_NAME", "log-benchmark");
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
      env.put("SCANIUM_METRICS_PORT", "0");
      env.put("SCANIUM_STARTUP_REPORT", "false");
      telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
      if (!telemetry.startupReport().contains("bound to this SDK")) {
        throw new IllegalStateException("log routing is not installed:\n" + telemetry.startupReport());
      }
      logger = ctx.getLogger("app.orders");
    }

    @TearDown
    public void tearDown() {
      System.err.println("log records dropped by the batch processor (queue full): "
          + telemetry.droppedCount("logs") + "; received by the collector: " + receiver.logs().size());
      telemetry.close();
      receiver.close();
    }
  }

  /** A sampled span current on the benchmark thread for the whole run. */
  @State(Scope.Thread)
  public static class InSpan {
    io.opentelemetry.context.Scope scope;

    @Setup
    public void setUp() {
      scope = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
          TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
    }

    @TearDown
    public void tearDown() {
      scope.close();
    }
  }

  /** Logback with no appender at all: the cost of SLF4J and Logback building the event, the floor of any mapping. */
  @State(Scope.Benchmark)
  public static class LogbackEventOnly {
    Logger logger;

    @Setup
    public void setUp() {
      LoggerContext ctx = configureLogback(false);
      for (Logger l : ctx.getLoggerList()) {
        l.detachAppender("scanium-otlp");
      }
      // One appender that does nothing, so that Logback builds and dispatches the event exactly as with real ones.
      Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      ch.qos.logback.core.helpers.NOPAppender<ILoggingEvent> nop = new ch.qos.logback.core.helpers.NOPAppender<>();
      nop.setContext(ctx);
      nop.start();
      root.addAppender(nop);
      logger = ctx.getLogger("app.orders");
    }
  }

  /**
   * The SDK's logs API called directly with what the appender sets for this event (body, severity, timestamp,
   * thread.name, context): the floor of the SDK side of any mapping, ours or OpenTelemetry's.
   */
  @State(Scope.Benchmark)
  public static class SdkOnly {
    OpenTelemetrySdk sdk;
    io.opentelemetry.api.logs.Logger otelLogger;
    static final io.opentelemetry.api.common.AttributeKey<String> THREAD_NAME =
        io.opentelemetry.api.common.AttributeKey.stringKey("thread.name");

    @Setup
    public void setUp() {
      sdk = OpenTelemetrySdk.builder()
          .setLoggerProvider(SdkLoggerProvider.builder()
              .addLogRecordProcessor(BatchLogRecordProcessor.builder(new NoopExporter()).build())
              .build())
          .build();
      otelLogger = sdk.getLogsBridge().get("app.orders");
    }

    @TearDown
    public void tearDown() {
      sdk.close();
    }
  }

  /** Accepts every batch and does nothing with it. */
  static final class NoopExporter implements LogRecordExporter {
    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /**
   * The benchmark thread's own allocation per call, printed after each iteration: JMH's {@code gc.alloc.rate.norm}
   * also counts the exporter thread.
   */
  @State(Scope.Thread)
  public static class CallerAllocation {
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long calls;
    private long bytesAtStart;

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void start() {
      calls = 0;
      bytesAtStart = threads.getCurrentThreadAllocatedBytes();
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void stop() {
      long bytes = threads.getCurrentThreadAllocatedBytes() - bytesAtStart;
      System.err.printf("caller-thread B/op: %.1f (%d calls)%n", calls == 0 ? 0.0 : (double) bytes / calls, calls);
    }
  }

  /** The argument: a String, so that no boxing is measured. */
  @State(Scope.Thread)
  public static class Args {
    final String id = "o-1717";
  }

  @Benchmark
  public void consoleOnly(ConsoleOnly s, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void routed(Routed s, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void routedToLoopbackReceiver(ToLoopbackReceiver s, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void routedInSpan(Routed s, InSpan span, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void routedWithoutConsole(RoutedWithoutConsole s, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void routedWithCodeAttributes(RoutedWithCodeAttributes s, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void logbackEventOnly(LogbackEventOnly s, Args a, CallerAllocation c) {
    s.logger.info("order {} processed", a.id);
    c.calls++;
  }

  @Benchmark
  public void sdkOnly(SdkOnly s, Args a, CallerAllocation c) {
    s.otelLogger.logRecordBuilder()
        .setBody("order " + a.id + " processed")
        .setSeverity(io.opentelemetry.api.logs.Severity.INFO)
        .setSeverityText("INFO")
        .setTimestamp(java.time.Instant.now())
        .setAttribute(SdkOnly.THREAD_NAME, Thread.currentThread().getName())
        .setContext(io.opentelemetry.context.Context.current())
        .emit();
    c.calls++;
  }

  @Benchmark
  public void disabledLevel(Routed s, Args a, CallerAllocation c) {
    s.logger.debug("order {} processed", a.id);
    c.calls++;
  }

  /** Resets Logback to a root logger at INFO with, optionally, a pattern-layout appender writing to a null stream. */
  static LoggerContext configureLogback(boolean console) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    if (console) {
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(ctx);
      encoder.setPattern(PATTERN);
      encoder.start();
      OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
      out.setName("CONSOLE");
      out.setContext(ctx);
      out.setEncoder(encoder);
      out.setOutputStream(OutputStream.nullOutputStream());
      out.start();
      root.addAppender(out);
    } else {
      root.detachAppender("CONSOLE");
    }
    return ctx;
  }
}
