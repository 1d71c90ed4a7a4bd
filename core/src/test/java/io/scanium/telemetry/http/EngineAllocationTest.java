package io.scanium.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What one request costs the heap on the engine's allocation-free paths, measured on the calling thread with
 * {@code ThreadMXBean.getCurrentThreadAllocatedBytes} (deterministic, unlike time).
 *
 * <p>The measured loop does what an adapter does, and keeps each observation as an adapter keeps it in its request's
 * attributes, so the observation object itself is always allocated: that is the one allocation a request of the
 * metrics-only path may cost. Until C2 has compiled the loop, the metrics library's own temporaries (a lambda per
 * gauge update, a flag per histogram observation) are allocated too; escape analysis removes them later. So each
 * measurement is repeated until it settles and the smallest one is asserted: a regression such as looking a series up
 * by its label values on every request (about 150 bytes) or building exemplar labels for every request shows in every
 * round.
 */
class EngineAllocationTest {

  /** An observation: 48 bytes with compressed references, 64 without (-XX:-UseCompressedOops, heaps over 32 GB). */
  private static final double ONE_OBSERVATION = 64;
  private static final int OPS = 100_000;
  private static final int MAX_ROUNDS = 40;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A request whose every field is a constant, so that the getter allocates nothing itself. */
  private record Req(String method, String path) {}

  private static final HttpRequestGetter<Req> GETTER = new HttpRequestGetter<>() {
    @Override
    public String method(Req r) {
      return r.method();
    }

    @Override
    public String path(Req r) {
      return r.path();
    }

    @Override
    public String header(Req r, String name) {
      return null;
    }
  };

  // Where each observation goes, as into a request's attributes: escape analysis must not remove what an adapter
  // cannot avoid.
  private HttpRequestObservation kept;
  private String keptValue;
  private int keptPort;

  @Test
  void aMetricsOnlyRequestAllocatesNothingButItsObservation() {
    HttpServerInstrumenter<Req> http = HttpServerTelemetry.builder(OpenTelemetry.noop(), new PrometheusRegistry())
        .serviceName("svc").deploymentEnvironment("env").build().instrumenter(GETTER);
    Req request = new Req("GET", "/v1/items/42");

    double bytesPerRequest = settledBytesPerOp(ONE_OBSERVATION, () -> {
      for (int i = 0; i < OPS; i++) {
        HttpRequestObservation o = http.start(request);
        kept = o;
        o.setRoute("/v1/items/{id}");
        Scope scope = o.makeCurrent();
        // The application handles the request here.
        scope.close();
        o.end(200);
      }
    });

    assertThat(kept.isEnded()).isTrue();
    assertThat(bytesPerRequest).as("bytes allocated per metrics-only request").isLessThanOrEqualTo(ONE_OBSERVATION);
  }

  @Test
  void anExcludedRequestAllocatesNothing() {
    HttpServerInstrumenter<Req> http = HttpServerTelemetry.builder(OpenTelemetry.noop(), new PrometheusRegistry())
        .build().instrumenter(GETTER, path -> path.equals("/health"));
    Req request = new Req("GET", "/health");

    double bytesPerRequest = settledBytesPerOp(0, () -> {
      for (int i = 0; i < OPS; i++) {
        HttpRequestObservation o = http.start(request);
        kept = o;
        Scope scope = o.makeCurrent();
        // The health check answers here.
        scope.close();
        o.end(200);
      }
    });

    assertThat(bytesPerRequest).as("bytes allocated per excluded request").isLessThan(1);
  }

  @Test
  void routeMatchingAndRequestValueParsingAllocateNothing() {
    // What adapters call on every request: the declared templates (servlet filter, Vert.x wrap, JDK HttpServer), the
    // port of a Host header (Vert.x, JDK HttpServer, forwarded hosts) and the protocol version (servlet, JDK).
    RouteMatcher routes = RouteMatcher.of("/v1/items/{id}", "/v1/items/new", "/health", "/static/*");

    double bytesPerRequest = settledBytesPerOp(0, () -> {
      for (int i = 0; i < OPS; i++) {
        keptValue = routes.match("/v1/items/42");
        keptPort = HttpValues.port("127.0.0.1:8080");
        keptValue = HttpValues.protocolVersion("HTTP/1.1");
      }
    });

    assertThat(keptValue).isEqualTo("1.1");
    assertThat(keptPort).isEqualTo(8080);
    assertThat(bytesPerRequest).as("bytes allocated per route match, Host port and protocol version").isLessThan(1);
  }

  /**
   * The smallest allocation per operation over rounds of {@link #OPS} operations, stopping at the first round that
   * allocates no more than {@code enough}: early rounds run interpreted or in C1, the later ones in C2.
   */
  private static double settledBytesPerOp(double enough, Runnable round) {
    double smallest = Double.MAX_VALUE;
    for (int r = 0; r < MAX_ROUNDS; r++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      round.run();
      long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
      smallest = Math.min(smallest, (double) bytes / OPS);
      if (smallest <= enough) {
        break;
      }
    }
    return smallest;
  }
}
