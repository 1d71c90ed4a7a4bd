package io.scanium.telemetry.benchmarks.adapters;

import io.scanium.telemetry.http.HttpRequestGetter;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The getter calls the engine makes for one request with a sampled span and no trace headers, in the engine's order
 * ({@code HttpServerInstrumenter.start}, the W3C propagators through {@code HeaderGetter}, then
 * {@code SpanListener.startSpan}).
 */
final class EngineReads {

  private EngineReads() {}

  /** Every read of one request, each value handed to the blackhole. */
  static <R> void all(HttpRequestGetter<R> g, R r, Blackhole bh) {
    bh.consume(g.method(r));
    // Propagation: traceparent (tracestate only when it is present), then baggage.
    bh.consume(g.header(r, "traceparent"));
    bh.consume(g.header(r, "baggage"));
    bh.consume(g.path(r));
    bh.consume(g.header(r, "forwarded"));
    bh.consume(g.header(r, "x-forwarded-proto"));
    bh.consume(g.scheme(r));
    bh.consume(g.header(r, "x-forwarded-host"));
    bh.consume(g.serverAddress(r));
    bh.consume(g.serverPort(r));
    bh.consume(g.clientAddress(r));
    bh.consume(g.header(r, "x-forwarded-for"));
    bh.consume(g.clientPort(r));
    bh.consume(g.header(r, "user-agent"));
    bh.consume(g.protocolVersion(r));
  }
}
