package io.scanium.telemetry.benchmarks.engine;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.benchmarks.DiscardingSpanExporter;
import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.HttpServerTelemetry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's cost for one request (start, setRoute, makeCurrent and close, end), against the two references of
 * issue #3 measured in the same run:
 *
 * <ul>
 *   <li>{@code baseline}: no telemetry at all, only what the benchmark harness itself costs;
 *   <li>{@code twoClockReads}: two {@code System.nanoTime()}, the floor of timing a request at all (on a virtual
 *       machine a clock read can cost far more than the usual 20 ns);
 *   <li>{@code naive}: what a service writes by hand: two {@code System.nanoTime()}, an OpenTelemetry SERVER span
 *       with three attributes made current, and a Prometheus counter and histogram looked up by their label values on
 *       every call (the status code turned into a String each time, as an int status from a framework must be);
 *   <li>{@code engine}: the engine as an adapter drives it; the observation is handed to a {@link Blackhole}, as an
 *       adapter keeps it in its request's attributes (keeping it in a local variable changes nothing: the engine's
 *       start and end compile to methods too large for C2 to inline into the caller, so escape analysis cannot
 *       remove the observation either way);
 *   <li>{@code naiveAllAttributes}: the naive composition with every attribute the engine records (the ten of the
 *       HTTP semantic conventions instead of three), to tell the engine's own cost from the span's content;
 *   <li>{@code excluded}: a request whose path the instrumenter excludes (a health check).
 * </ul>
 *
 * <p>{@link Engine#mode} selects the OpenTelemetry both the engine and the naive composition use:
 * {@code metrics}: {@link OpenTelemetry#noop()} (no tracer, no propagators: tracing is off, the naive composition
 * has no span either); {@code unsampled}: the SDK with the {@code always_off} sampler (spans are created,
 * non-recording, for propagation); {@code sampled}: the SDK with {@code always_on} and a
 * {@link BatchSpanProcessor} into an exporter that does nothing, as a service exports; {@code sampledSimple} (not
 * run unless asked for with {@code -p mode=sampledSimple}): the same with a {@link SimpleSpanProcessor}, which
 * converts and "exports" every span on the calling thread. Both SDKs propagate W3C trace context and baggage; no
 * request carries a {@code traceparent}.
 *
 * <p>The forked JVM uses OpenTelemetry's default (thread-local) context storage: the uber-jar also holds the
 * Vert.x module's and the SDK testing module's storage providers, which a service would not have.
 *
 * <p>Run with {@code -prof gc}. JMH's {@code gc.alloc.rate.norm} counts every thread's allocation, the batch
 * processor's export thread included; each state also prints the benchmark thread's own allocation per request
 * ({@code caller-thread B/op}) after each iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.opentelemetry.context.contextStorageProvider=default"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RequestObservationBenchmark {

  static final String ROUTE = "/v1/items/{id}";
  static final String SPAN_NAME = "GET " + ROUTE;
  static final String SERVICE = "bench";
  static final String ENVIRONMENT = "test";
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ROUTE_KEY = AttributeKey.stringKey("http.route");
  static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
  // The batch processor reports every span it drops (most of them: no exporter keeps up with a tight loop) through
  // java.util.logging; held here so that the level set on it is not garbage collected.
  static final java.util.logging.Logger BATCH_PROCESSOR_LOGGER =
      java.util.logging.Logger.getLogger(BatchSpanProcessor.class.getName());

  static {
    BATCH_PROCESSOR_LOGGER.setLevel(java.util.logging.Level.OFF);
  }

  /**
   * A request as an adapter would see it: every field already a String, so no getter allocates. Also the baseline of
   * the adapters' benchmark ({@code AdapterBenchmark}).
   */
  public static final class Request {
    final String method;
    final String path;

    public Request(String method, String path) {
      this.method = method;
      this.path = path;
    }
  }

  /** Answers every getter the engine calls, without a traceparent header: a request at the edge of a trace. */
  public static final class Getter implements HttpRequestGetter<Request> {
    @Override
    public String method(Request r) {
      return r.method;
    }

    @Override
    public String path(Request r) {
      return r.path;
    }

    @Override
    public String header(Request r, String name) {
      return name.equals("user-agent") ? "wrk/4.2.0" : null;
    }

    @Override
    public String scheme(Request r) {
      return "http";
    }

    @Override
    public String serverAddress(Request r) {
      return "127.0.0.1";
    }

    @Override
    public int serverPort(Request r) {
      return 8080;
    }

    @Override
    public String clientAddress(Request r) {
      return "127.0.0.1";
    }

    @Override
    public String protocolVersion(Request r) {
      return "1.1";
    }
  }

  /** The engine and the naive composition, on the same OpenTelemetry. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Engine {
    @Param({"metrics", "unsampled", "sampled"})
    public String mode;

    OpenTelemetrySdk sdk;
    HttpServerInstrumenter<Request> instrumenter;
    Tracer naiveTracer;
    Counter naiveRequests;
    Histogram naiveDuration;
    final Request request = new Request("GET", "/v1/items/42");

    @Setup
    public void setUp() {
      OpenTelemetry otel;
      switch (mode) {
        case "metrics":
          otel = OpenTelemetry.noop();
          break;
        case "unsampled":
          sdk = sdk(Sampler.alwaysOff(), BatchSpanProcessor.builder(new DiscardingSpanExporter()).build());
          otel = sdk;
          break;
        case "sampled":
          sdk = sdk(Sampler.alwaysOn(), BatchSpanProcessor.builder(new DiscardingSpanExporter()).build());
          otel = sdk;
          break;
        case "sampledSimple":
          sdk = sdk(Sampler.alwaysOn(), SimpleSpanProcessor.create(new DiscardingSpanExporter()));
          otel = sdk;
          break;
        default:
          throw new IllegalArgumentException(mode);
      }
      instrumenter = HttpServerTelemetry.builder(otel, new PrometheusRegistry())
          .serviceName(SERVICE)
          .deploymentEnvironment(ENVIRONMENT)
          .build()
          .instrumenter(new Getter());
      // The naive composition: the same metric shapes, in a registry of its own so that names do not clash.
      PrometheusRegistry naiveRegistry = new PrometheusRegistry();
      String[] labels = {"method", "route", "status_code", "service_name", "deployment_environment"};
      naiveRequests = Counter.builder().name("naive_http_requests_total").labelNames(labels)
          .register(naiveRegistry);
      naiveDuration = Histogram.builder().name("naive_http_request_duration_ms").labelNames(labels)
          .classicOnly()
          .classicUpperBounds(ScaniumMetrics.DURATION_BUCKETS_MS.stream().mapToDouble(Double::doubleValue).toArray())
          .register(naiveRegistry);
      naiveTracer = mode.equals("metrics") ? null : otel.getTracer("naive");
    }

    @TearDown
    public void tearDown() {
      if (sdk != null) {
        sdk.shutdown().join(5, TimeUnit.SECONDS);
      }
    }

    private static OpenTelemetrySdk sdk(Sampler sampler, SpanProcessor processor) {
      return OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler).addSpanProcessor(processor).build())
          .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .build();
    }
  }

  /** An engine with tracing sampled and a health-check exclusion; the request is the health check. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Excluded {
    OpenTelemetrySdk sdk;
    HttpServerInstrumenter<Request> instrumenter;
    final Request request = new Request("GET", "/health");

    @Setup
    public void setUp() {
      sdk = Engine.sdk(Sampler.alwaysOn(), BatchSpanProcessor.builder(new DiscardingSpanExporter()).build());
      instrumenter = HttpServerTelemetry.builder(sdk, new PrometheusRegistry())
          .serviceName(SERVICE)
          .deploymentEnvironment(ENVIRONMENT)
          .build()
          .instrumenter(new Getter(), path -> path.equals("/health"));
    }

    @TearDown
    public void tearDown() {
      sdk.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /** The input of the baseline: the same request, nothing instrumenting it. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Baseline {
    final Request request = new Request("GET", "/v1/items/42");
    int status = 200;
  }

  /**
   * The benchmark thread's own allocation per request, printed after each iteration: JMH's
   * {@code gc.alloc.rate.norm} also counts the batch span processor's export thread.
   */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class CallerAllocation {
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    public long calls;
    private long bytesAtStart;

    @Setup(Level.Iteration)
    public void start() {
      calls = 0;
      bytesAtStart = threads.getCurrentThreadAllocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      long bytes = threads.getCurrentThreadAllocatedBytes() - bytesAtStart;
      System.err.printf("caller-thread B/op: %.1f (%d calls)%n", calls == 0 ? 0.0 : (double) bytes / calls, calls);
    }
  }

  @Benchmark
  public void baseline(Baseline s, CallerAllocation c, Blackhole bh) {
    c.calls++;
    bh.consume(s.request);
    bh.consume(s.status);
  }

  @Benchmark
  public long twoClockReads(CallerAllocation c) {
    c.calls++;
    long start = System.nanoTime();
    return System.nanoTime() - start;
  }

  @Benchmark
  public void engine(Engine s, CallerAllocation c, Blackhole bh) {
    c.calls++;
    HttpRequestObservation o = s.instrumenter.start(s.request);
    bh.consume(o);
    o.setRoute(ROUTE);
    Scope scope = o.makeCurrent();
    // The application handles the request here.
    scope.close();
    o.end(200);
  }

  @Benchmark
  public void naive(Engine s, CallerAllocation c) {
    c.calls++;
    long start = System.nanoTime();
    Span span = null;
    if (s.naiveTracer != null) {
      span = s.naiveTracer.spanBuilder(SPAN_NAME)
          .setSpanKind(SpanKind.SERVER)
          .setAttribute(METHOD, s.request.method)
          .setAttribute(PATH, s.request.path)
          .startSpan();
    }
    if (span != null) {
      Scope scope = span.makeCurrent();
      // The application handles the request here.
      scope.close();
    }
    int status = 200;
    if (span != null) {
      span.setAttribute(STATUS, status);
      span.end();
    }
    double millis = (System.nanoTime() - start) / 1_000_000.0;
    String code = Integer.toString(status);
    s.naiveRequests.labelValues(s.request.method, ROUTE, code, SERVICE, ENVIRONMENT).inc();
    s.naiveDuration.labelValues(s.request.method, ROUTE, code, SERVICE, ENVIRONMENT).observe(millis);
  }

  @Benchmark
  public void naiveAllAttributes(Engine s, CallerAllocation c) {
    c.calls++;
    long start = System.nanoTime();
    Span span = null;
    if (s.naiveTracer != null) {
      span = s.naiveTracer.spanBuilder(SPAN_NAME)
          .setSpanKind(SpanKind.SERVER)
          .setAttribute(METHOD, s.request.method)
          .setAttribute(PATH, s.request.path)
          .setAttribute(SCHEME, "http")
          .setAttribute(SERVER_ADDRESS, "127.0.0.1")
          .setAttribute(SERVER_PORT, 8080L)
          .setAttribute(CLIENT_ADDRESS, "127.0.0.1")
          .setAttribute(USER_AGENT, "wrk/4.2.0")
          .setAttribute(PROTOCOL_VERSION, "1.1")
          .startSpan();
    }
    if (span != null) {
      Scope scope = span.makeCurrent();
      // The application handles the request here.
      scope.close();
    }
    int status = 200;
    if (span != null) {
      span.setAttribute(ROUTE_KEY, ROUTE);
      span.setAttribute(STATUS, status);
      span.end();
    }
    double millis = (System.nanoTime() - start) / 1_000_000.0;
    String code = Integer.toString(status);
    s.naiveRequests.labelValues(s.request.method, ROUTE, code, SERVICE, ENVIRONMENT).inc();
    s.naiveDuration.labelValues(s.request.method, ROUTE, code, SERVICE, ENVIRONMENT).observe(millis);
  }

  @Benchmark
  public void excluded(Excluded s, CallerAllocation c) {
    c.calls++;
    HttpRequestObservation o = s.instrumenter.start(s.request);
    Scope scope = o.makeCurrent();
    // The health check answers here.
    scope.close();
    o.end(200);
  }
}
