package io.scanium.telemetry.http;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.TimeUnit;

/**
 * Creates one SERVER span per request with the stable HTTP semantic-convention attributes, continuing the caller's
 * trace from the request headers. Span names are precomputed per route and method.
 */
final class SpanListener implements RequestListener {

  static final String INSTRUMENTATION_NAME = "io.scanium.telemetry.http";

  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
      AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
  static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<String> NETWORK_PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final EpochClock clock;
  private final boolean captureQuery;

  SpanListener(OpenTelemetry openTelemetry, String version, boolean captureQuery) {
    this.tracer = openTelemetry.getTracerProvider().tracerBuilder(INSTRUMENTATION_NAME)
        .setInstrumentationVersion(version).build();
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.clock = new EpochClock();
    this.captureQuery = captureQuery;
  }

  @Override
  public <REQ> void onStart(Observation o, REQ request, HttpRequestGetter<REQ> getter,
      TextMapGetter<REQ> headers) {
    Context parent = propagator.extract(Context.root(), request, headers);
    int m = o.methodIndex;
    SpanBuilder b = tracer.spanBuilder(o.route.spanNames[m])
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setStartTimestamp(clock.toEpochNanos(o.startNanos), TimeUnit.NANOSECONDS)
        .setAttribute(HTTP_REQUEST_METHOD, HttpMethods.NAMES[m]);
    if (m == HttpMethods.OTHER_INDEX && o.originalMethod != null) {
      b.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, o.originalMethod);
    }
    setIfPresent(b, URL_PATH, getter.path(request));
    if (captureQuery) {
      setIfPresent(b, URL_QUERY, getter.query(request));
    }
    setIfPresent(b, URL_SCHEME, getter.scheme(request));
    setIfPresent(b, SERVER_ADDRESS, getter.serverAddress(request));
    int port = getter.serverPort(request);
    if (port > 0) {
      b.setAttribute(SERVER_PORT, (long) port);
    }
    setIfPresent(b, CLIENT_ADDRESS, getter.clientAddress(request));
    setIfPresent(b, USER_AGENT_ORIGINAL, getter.header(request, "user-agent"));
    setIfPresent(b, NETWORK_PROTOCOL_VERSION, getter.protocolVersion(request));
    Span span = b.startSpan();
    o.span = span;
    o.context = parent.with(span);
  }

  @Override
  public void onEnd(Observation o) {
    Span span = o.span;
    if (span == null || !span.isRecording()) {
      if (span != null) {
        span.end();
      }
      return;
    }
    RouteTable.Route route = o.route;
    if (route.matched) {
      span.updateName(route.spanNames[o.methodIndex]);
      span.setAttribute(HTTP_ROUTE, route.template);
    }
    span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) o.statusCode);
    if (o.error != null) {
      span.recordException(o.error);
      span.setAttribute(ERROR_TYPE, o.error.getClass().getName());
      span.setStatus(StatusCode.ERROR);
    } else if (o.statusCode >= 500) {
      span.setAttribute(ERROR_TYPE, Integer.toString(o.statusCode));
      span.setStatus(StatusCode.ERROR);
    }
    span.end(clock.toEpochNanos(o.endNanos), TimeUnit.NANOSECONDS);
  }

  private static void setIfPresent(SpanBuilder b, AttributeKey<String> key, String value) {
    if (value != null && !value.isEmpty()) {
      b.setAttribute(key, value);
    }
  }
}
