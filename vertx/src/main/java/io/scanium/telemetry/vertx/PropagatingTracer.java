package io.scanium.telemetry.vertx;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Vert.x tracer this module installs: it creates no span of its own (the server span is the engine's, created by
 * the router instrumentation) and only writes the current trace context ({@code traceparent}, and whatever else the
 * configured propagators carry) into the headers of outgoing Vert.x HTTP client requests.
 *
 * <p>Vert.x calls {@link #sendRequest} when it writes the request head, possibly on another thread and after the
 * calling handler has returned; the context is therefore read from the Vert.x context the request was made on, not
 * from the calling thread.
 */
final class PropagatingTracer implements VertxTracer<Object, Object> {

  private static final TextMapSetter<BiConsumer<String, String>> SETTER = (carrier, key, value) -> {
    if (carrier != null) {
      carrier.accept(key, value);
    }
  };

  private final TextMapPropagator propagator;

  PropagatingTracer(TextMapPropagator propagator) {
    this.propagator = propagator;
  }

  @Override
  public <R> Object receiveRequest(io.vertx.core.Context context, SpanKind kind, TracingPolicy policy, R request,
      String operation, Iterable<Map.Entry<String, String>> headers, TagExtractor<R> tagExtractor) {
    // The server span is started by the router instrumentation through the engine, never here: one span per request.
    return null;
  }

  @Override
  public <R> Object sendRequest(io.vertx.core.Context context, SpanKind kind, TracingPolicy policy, R request,
      String operation, BiConsumer<String, String> headers, TagExtractor<R> tagExtractor) {
    if (policy == TracingPolicy.IGNORE || !(request instanceof HttpRequest) || headers == null) {
      return null;
    }
    try {
      Context otel = null;
      ContextInternal requestContext = VertxLocals.requestContext(context);
      if (requestContext != null) {
        otel = VertxContextStorage.currentOn(requestContext);
      }
      if (otel == null) {
        otel = Context.current();
      }
      if (Span.fromContext(otel).getSpanContext().isValid()) {
        propagator.inject(otel, headers, SETTER);
      }
    } catch (RuntimeException | LinkageError e) {
      // A propagator failure costs the header, never the application's request.
    }
    return null;
  }
}
