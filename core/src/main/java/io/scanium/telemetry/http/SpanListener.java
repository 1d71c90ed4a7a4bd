package io.scanium.telemetry.http;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.TimeUnit;

/**
 * Creates one SERVER span per request with the stable HTTP semantic-convention attributes, continuing the caller's
 * trace from the request headers. Span names are precomputed per route and method; the status codes and the port
 * are boxed once, not per request.
 *
 * <p>With a no-op tracer provider ({@code OpenTelemetry.noop()} or {@code OpenTelemetry.propagating(...)}) no span
 * can be recorded, so nothing is read from the request but the propagation headers, and nothing is allocated when
 * there are no propagators either.
 */
final class SpanListener {

  static final String INSTRUMENTATION_NAME = "io.scanium.telemetry.http";
  /**
   * The semantic-convention version the attributes follow (the stable HTTP conventions, unchanged since 1.23):
   * backends translate between versions with it.
   */
  static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.28.0";

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
  static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");
  static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<String> NETWORK_PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final int MAX_STATUS = 599;
  // Bounds on what a client controls, so that a hostile request cannot pin megabytes in the export queue while the
  // collector is slow: generous for any real path, user agent or host name (a DNS name is at most 253 characters).
  static final int MAX_PATH = 2048;
  static final int MAX_QUERY = 2048;
  static final int MAX_HEADER_VALUE = 512;
  static final int MAX_ADDRESS = 255;
  static final int MAX_METHOD = 32;
  static final int MAX_TOKEN = 32;
  private static final Long[] STATUS_CODES = new Long[MAX_STATUS + 1];
  private static final String[] SERVER_ERROR_TYPES = new String[100];

  static {
    for (int i = 0; i <= MAX_STATUS; i++) {
      STATUS_CODES[i] = (long) i;
    }
    for (int i = 0; i < SERVER_ERROR_TYPES.length; i++) {
      SERVER_ERROR_TYPES[i] = Integer.toString(500 + i);
    }
  }

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean tracing;
  private final boolean propagating;
  private final EpochClock clock;
  private final boolean captureQuery;
  private final QueryRedaction queryRedaction;
  private final boolean adopt;
  // The last port seen, boxed: a server listens on one or two ports, so this is almost always a hit.
  private Long port = -1L;

  SpanListener(OpenTelemetry openTelemetry, String version, boolean captureQuery, QueryRedaction queryRedaction,
      boolean adopt) {
    this.tracer = openTelemetry.getTracerProvider().tracerBuilder(INSTRUMENTATION_NAME)
        .setInstrumentationVersion(version).setSchemaUrl(SCHEMA_URL).build();
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    // The no-op provider's spans are never recorded: they only carry the extracted parent, which the parent
    // context already holds.
    this.tracing = openTelemetry.getTracerProvider() != TracerProvider.noop();
    this.propagating = propagator != TextMapPropagator.noop();
    this.clock = new EpochClock();
    this.captureQuery = captureQuery;
    this.queryRedaction = queryRedaction;
    this.adopt = adopt;
  }

  /**
   * The server span another instrumentation (the OpenTelemetry Java agent) already started for this request, when
   * adopting: a valid span of this process current at the adapter's entry; null otherwise. A remote span context is
   * only a caller's, never this request's span.
   */
  Span adoptable() {
    if (!adopt) {
      return null;
    }
    Span current = Span.current();
    return current.getSpanContext().isValid() && !current.getSpanContext().isRemote() ? current : null;
  }

  /**
   * The request's context: the parent extracted from its headers, with the server span on top when tracing. Takes
   * values, not the observation, so that the observation is created after it, complete and immutable but for its
   * route and end.
   */
  <REQ> Context onStart(REQ request, HttpRequestGetter<REQ> getter, TextMapGetter<REQ> headers, long startNanos,
      int methodIndex, String originalMethod, RouteTable.Route route) {
    Context parent = propagating ? propagator.extract(Context.root(), request, headers) : Context.root();
    if (!tracing) {
      return parent;
    }
    return parent.with(startSpan(parent, request, getter, startNanos, methodIndex, originalMethod, route));
  }

  private <REQ> Span startSpan(Context parent, REQ request, HttpRequestGetter<REQ> getter, long startNanos, int m,
      String originalMethod, RouteTable.Route route) {
    SpanBuilder b = tracer.spanBuilder(route.spanNames[m])
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setStartTimestamp(clock.toEpochNanos(startNanos), TimeUnit.NANOSECONDS)
        .setAttribute(HTTP_REQUEST_METHOD, HttpMethods.NAMES[m]);
    if (m == HttpMethods.OTHER_INDEX && originalMethod != null) {
      setIfPresent(b, HTTP_REQUEST_METHOD_ORIGINAL, originalMethod, MAX_METHOD);
    }
    setIfPresent(b, URL_PATH, getter.path(request), MAX_PATH);
    if (captureQuery) {
      setIfPresent(b, URL_QUERY, queryRedaction.redact(getter.query(request)), MAX_QUERY);
    }
    // Behind a proxy the socket says "proxy": the client's own view is in the forwarding headers.
    String forwarded = getter.header(request, "forwarded");
    String scheme = Forwarded.scheme(forwarded, getter, request);
    setIfPresent(b, URL_SCHEME, scheme != null ? scheme : getter.scheme(request), MAX_TOKEN);
    String forwardedHost = Forwarded.host(forwarded, getter, request);
    if (forwardedHost != null) {
      setIfPresent(b, SERVER_ADDRESS, HttpValues.host(forwardedHost), MAX_ADDRESS);
      int port = HttpValues.port(forwardedHost);
      if (port > 0) {
        b.setAttribute(SERVER_PORT, (long) port);
      }
    } else {
      setIfPresent(b, SERVER_ADDRESS, getter.serverAddress(request), MAX_ADDRESS);
      int port = getter.serverPort(request);
      if (port > 0) {
        b.setAttribute(SERVER_PORT, boxedPort(port));
      }
    }
    String peer = getter.clientAddress(request);
    String client = Forwarded.clientAddress(forwarded, getter, request);
    setIfPresent(b, CLIENT_ADDRESS, client != null ? client : peer, MAX_ADDRESS);
    setIfPresent(b, NETWORK_PEER_ADDRESS, peer, MAX_ADDRESS);
    int peerPort = getter.clientPort(request);
    if (peerPort > 0) {
      b.setAttribute(NETWORK_PEER_PORT, (long) peerPort);
    }
    setIfPresent(b, USER_AGENT_ORIGINAL, getter.header(request, "user-agent"), MAX_HEADER_VALUE);
    setIfPresent(b, NETWORK_PROTOCOL_VERSION, getter.protocolVersion(request), MAX_TOKEN);
    return b.startSpan();
  }

  /**
   * Ends the request's span; an adopted one ({@code adoptedContext} non-null, the request's context) only gets the
   * route: its owner records the status and the error and ends it.
   */
  void onEnd(Span span, Context adoptedContext, RouteTable.Route route, int methodIndex, int statusCode,
      boolean statusSent, Throwable error, long endNanos) {
    if (span == null) {
      return;
    }
    if (adoptedContext != null) {
      if (route.matched && span.isRecording()) {
        span.updateName(route.spanNames[methodIndex]);
        span.setAttribute(HTTP_ROUTE, route.template);
        AgentRoute.update(adoptedContext, route.template);
      }
      return;
    }
    if (!span.isRecording()) {
      span.end();
      return;
    }
    endSpan(span, route, methodIndex, statusCode, statusSent, error, endNanos);
  }

  private void endSpan(Span span, RouteTable.Route route, int methodIndex, int statusCode, boolean statusSent,
      Throwable error, long endNanos) {
    if (route.matched) {
      span.updateName(route.spanNames[methodIndex]);
      span.setAttribute(HTTP_ROUTE, route.template);
    }
    span.setAttribute(HTTP_RESPONSE_STATUS_CODE, boxedStatus(statusCode));
    // As the HTTP conventions and OpenTelemetry's instrumentations: the status the client received names the
    // error when it is one; the exception's class only when no such status was sent. The exception event stays.
    if (error != null) {
      span.recordException(error);
    }
    if (statusCode >= 500 && (statusSent || error == null)) {
      span.setAttribute(ERROR_TYPE, statusCode <= MAX_STATUS ? SERVER_ERROR_TYPES[statusCode - 500]
          : Integer.toString(statusCode));
      span.setStatus(StatusCode.ERROR);
    } else if (error != null) {
      span.setAttribute(ERROR_TYPE, error.getClass().getName());
      span.setStatus(StatusCode.ERROR);
    }
    span.end(clock.toEpochNanos(endNanos), TimeUnit.NANOSECONDS);
  }

  private Long boxedPort(int value) {
    Long p = port;
    if (p.longValue() != value) {
      p = (long) value;
      port = p;
    }
    return p;
  }

  private static Long boxedStatus(int status) {
    return status >= 0 && status <= MAX_STATUS ? STATUS_CODES[status] : Long.valueOf(status);
  }

  private static void setIfPresent(SpanBuilder b, AttributeKey<String> key, String value, int max) {
    if (value != null && !value.isEmpty()) {
      b.setAttribute(key, value.length() <= max ? value : value.substring(0, max));
    }
  }
}
