package io.scanium.telemetry.benchmarks.adapters;

import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.benchmarks.DiscardingSpanExporter;
import io.scanium.telemetry.benchmarks.engine.RequestObservationBenchmark.CallerAllocation;
import io.scanium.telemetry.benchmarks.engine.RequestObservationBenchmark.Getter;
import io.scanium.telemetry.benchmarks.engine.RequestObservationBenchmark.Request;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The adapters' own cost per request (issue #17), on real framework objects, against baselines of the same run.
 *
 * <p>Jetty's and Vert.x's request objects cannot be built outside a server, and a request driven through a server
 * per operation would bury a few hundred nanoseconds under the server's own microseconds. So each held-request state
 * starts a real server on 127.0.0.1 at setup, sends it one request and keeps that request in flight (unanswered)
 * until teardown; the benchmark thread reads and observes that live request object over and over.
 *
 * <ul>
 *   <li>{@code getterPlain}: every getter call the engine makes for a sampled request without trace headers
 *       ({@link EngineReads#all}), answered by the engine benchmark's getter from a plain object's fields and
 *       constants: the baseline of the getters;
 *   <li>{@code getterJetty}, {@code getterVertx}: the same calls through the servlet adapter's getter on a Jetty 12
 *       request and the Vert.x adapter's getter on a Vert.x 5 request;
 *   <li>{@code chainBare}: a trivial filter chain on the Jetty request, the baseline of the filter;
 *   <li>{@code enginePlain}: the engine for one request (start, current, end) with the plain getter: the part of
 *       the filter and the handler that is the engine's, not the adapter's (it has no route: the filter's and the
 *       handler's requests match a declared template, which names the span at its end);
 *   <li>{@code filterJetty}: the servlet adapter's filter around the trivial chain; the observation attribute it
 *       sets is removed after each request (in {@code chainBare} too) so that the next one is observed again;
 *   <li>{@code handlerBare}, {@code handlerVertx}: a trivial Vert.x request handler, bare and wrapped by
 *       {@link ScaniumVertxTelemetry#wrap} with one route template, ended by calling the response's end handler as
 *       Vert.x does once a response has ended. The benchmark thread is not a Vert.x context, so the wrapper makes the
 *       context current with a scope, as it does off a request context; on an event loop it stores it on the
 *       request's context instead;
 *   <li>{@code routerBare}, {@code routerVertx}: a Vert.x Web router with the application's one route
 *       ({@code /v1/items/:id}, a handler that does nothing), bare and instrumented with
 *       {@link ScaniumVertxTelemetry#instrument}, handling the held request on a new duplicate of an event-loop
 *       context, as Vert.x runs each request (so the instrumentation keeps its state on that context), and ended
 *       through the response's end handler as above.
 * </ul>
 *
 * <p>Not covered: the servlet filter's asynchronous path (its listener ends the request when the async cycle
 * completes).
 *
 * <p>{@link Telemetry#mode}: {@code off}: metrics and trace context propagation, no span
 * ({@code OTEL_TRACES_EXPORTER=none}); {@code sampled}: every span sampled, through a batch processor into an
 * exporter that does nothing. Run with {@code -prof gc}; as in {@link
 * io.scanium.telemetry.benchmarks.engine.RequestObservationBenchmark}, each iteration also prints the benchmark
 * thread's own bytes per request ({@code caller-thread B/op}), which leave out the export thread's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.opentelemetry.context.contextStorageProvider=default"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AdapterBenchmark {

  static {
    java.util.logging.Logger.getLogger(BatchSpanProcessor.class.getName()).setLevel(java.util.logging.Level.OFF);
    Held.quietLogging();
  }

  /** One telemetry, and the filter, wrapped handler and engine built on it. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class Telemetry {
    @Param({"off", "sampled"})
    public String mode;

    ScaniumTelemetry telemetry;
    HttpServerInstrumenter<Request> engine;
    Filter filter;
    Handler<HttpServerRequest> handler;
    ScaniumVertxTelemetry vertx;

    @Setup
    public void setUp() {
      // Nothing exported, scraped or reported: the request path alone.
      Map<String, String> env = new HashMap<>(Map.of("OTEL_SERVICE_NAME", "bench", "SCANIUM_METRICS_PORT", "off",
          "SCANIUM_JVM_METRICS", "false", "SCANIUM_STARTUP_REPORT", "false", "OTEL_TRACES_EXPORTER", "none",
          "OTEL_LOGS_EXPORTER", "none"));
      ScaniumTelemetry.Builder b = ScaniumTelemetry.builder().environment(env).shutdownHook(false)
          .registerGlobal(false);
      if (mode.equals("sampled")) {
        env.put("OTEL_TRACES_SAMPLER", "always_on");
        b.environment(env).addSpanProcessor(BatchSpanProcessor.builder(new DiscardingSpanExporter()).build());
      } else if (!mode.equals("off")) {
        throw new IllegalArgumentException(mode);
      }
      telemetry = b.build();
      engine = telemetry.http().instrumenter(PLAIN_GETTER);
      filter = ScaniumServletTelemetry.builder(telemetry).routes(Held.ROUTE).build().createFilter();
      vertx = ScaniumVertxTelemetry.create(telemetry);
      handler = vertx.wrap(BARE_HANDLER, Held.ROUTE);
    }

    @TearDown
    public void tearDown() {
      telemetry.close();
    }
  }

  /** A Vert.x Web router on the held request's Vert.x with the application's one route, not instrumented. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class BareRouter {
    Router router;

    @Setup
    public void setUp(HeldVertxRequest s) {
      router = Router.router(s.vertx);
      router.get("/v1/items/:id").handler(ctx -> { });
    }
  }

  /** The same router, instrumented. */
  @State(org.openjdk.jmh.annotations.Scope.Benchmark)
  public static class ObservedRouter {
    Router router;

    @Setup
    public void setUp(Telemetry t, HeldVertxRequest s) {
      router = Router.router(s.vertx);
      t.vertx.instrument(router);
      router.get("/v1/items/:id").handler(ctx -> { });
    }
  }

  /** The application: does nothing with the request. */
  static final FilterChain BARE_CHAIN = (req, resp) -> { };

  static final Handler<HttpServerRequest> BARE_HANDLER = req -> { };

  /** The request attribute under which the filter keeps its observation (the servlet adapter's, not public). */
  static final String OBSERVATION_ATTRIBUTE = HttpRequestObservation.class.getName();

  /** The engine benchmark's getter: a request's fields, and constants. */
  static final Getter PLAIN_GETTER = new Getter();

  /** The request of the getter and engine baselines; a state, so that its fields are not constants. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class PlainRequest {
    final Request request = new Request("GET", Held.PATH);
  }

  @Benchmark
  public void getterPlain(PlainRequest p, CallerAllocation c, Blackhole bh) {
    c.calls++;
    EngineReads.all(PLAIN_GETTER, p.request, bh);
  }

  @Benchmark
  public void getterJetty(HeldJettyRequest s, CallerAllocation c, Blackhole bh) {
    c.calls++;
    EngineReads.all(s.getter, s.request, bh);
  }

  @Benchmark
  public void getterVertx(HeldVertxRequest s, CallerAllocation c, Blackhole bh) {
    c.calls++;
    EngineReads.all(s.getter, s.request, bh);
  }

  @Benchmark
  public void chainBare(HeldJettyRequest s, CallerAllocation c) throws Exception {
    c.calls++;
    BARE_CHAIN.doFilter(s.request, s.response);
    s.request.removeAttribute(OBSERVATION_ATTRIBUTE);
  }

  @Benchmark
  public void enginePlain(Telemetry t, PlainRequest p, CallerAllocation c, Blackhole bh) {
    c.calls++;
    HttpRequestObservation o = t.engine.start(p.request);
    bh.consume(o);
    Scope scope = o.makeCurrent();
    scope.close();
    o.end(200);
  }

  @Benchmark
  public void filterJetty(Telemetry t, HeldJettyRequest s, CallerAllocation c) throws Exception {
    c.calls++;
    t.filter.doFilter(s.request, s.response, BARE_CHAIN);
    s.request.removeAttribute(OBSERVATION_ATTRIBUTE);
  }

  @Benchmark
  public void handlerBare(HeldVertxRequest s, CallerAllocation c) {
    c.calls++;
    BARE_HANDLER.handle(s.request);
  }

  @Benchmark
  public void handlerVertx(Telemetry t, HeldVertxRequest s, CallerAllocation c) throws Throwable {
    c.calls++;
    t.handler.handle(s.request);
    s.fireEndHandler();
  }

  @Benchmark
  public void routerBare(BareRouter r, HeldVertxRequest s, CallerAllocation c) throws Throwable {
    c.calls++;
    s.dispatch(r.router);
    s.fireEndHandler();
  }

  @Benchmark
  public void routerVertx(ObservedRouter r, HeldVertxRequest s, CallerAllocation c) throws Throwable {
    c.calls++;
    s.dispatch(r.router);
    s.fireEndHandler();
  }
}
