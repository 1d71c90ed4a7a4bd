package io.scanium.telemetry.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service of the fault suite, run in a child JVM: a JDK HTTP server instrumented as any service would be
 * (telemetry from the environment, the JDK adapter, one SLF4J log line per request through Logback), plus an
 * uninstrumented {@code /admin/} context through which the test reads what the service produced, its live heap,
 * and closes it.
 *
 * <p>{@code GET /admin/state} answers {@code spans=N logs=M heap=B}: sampled spans ended and records logged so far,
 * which the library's counters must account for exactly, and the used heap after two full collections (the live
 * heap). {@code POST /admin/close} answers {@code closeMs=N}, the time {@code ScaniumTelemetry.close()} took, then
 * exits.
 */
public final class FaultApp {

  /** The service's own logger: the library leaves its own package (io.scanium.telemetry.*) out of the export. */
  private static final Logger LOG = LoggerFactory.getLogger("com.example.shop.Items");
  private static final AtomicLong SPANS = new AtomicLong();
  private static final AtomicLong LOGS = new AtomicLong();

  private FaultApp() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    ScaniumTelemetry telemetry = ScaniumTelemetry.builder().addSpanProcessor(new SampledSpans()).install();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", FaultApp::serve).getFilters().add(JdkHttpServerTelemetry.builder(telemetry)
        .routes("/v1/items/{id}").build().createFilter());
    server.createContext("/admin/state", exchange -> answer(exchange, state(exchange)));
    server.createContext("/admin/close", exchange -> {
      long start = System.nanoTime();
      telemetry.close();
      answer(exchange, "closeMs=" + (System.nanoTime() - start) / 1_000_000);
      server.stop(0);
      System.exit(0);
    });
    server.start();
    System.out.println("READY " + port);
    System.out.flush();
  }

  private static void serve(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    // A constant message: the request's own values are the library's to bound and redact, not the log line's.
    LOG.info("served a request");
    LOGS.incrementAndGet();
    answer(exchange, "ok");
  }

  private static String state(HttpExchange exchange) {
    long heap = -1;
    if ("gc".equals(exchange.getRequestURI().getQuery())) {
      // Two collections: the first may leave objects that only became unreachable through finalization.
      System.gc();
      System.gc();
      heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    return "spans=" + SPANS.get() + " logs=" + LOGS.get() + " heap=" + heap;
  }

  private static void answer(HttpExchange exchange, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Counts the spans that will reach the exporters' queues: the sampled ones, at their end. */
  private static final class SampledSpans implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (span.getSpanContext().isSampled()) {
        SPANS.incrementAndGet();
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
