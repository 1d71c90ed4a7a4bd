package io.scanium.telemetry.http;

import io.opentelemetry.api.OpenTelemetry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.EngineWiring;
import io.scanium.telemetry.internal.health.DisabledSignals;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The framework-neutral HTTP server instrumentation engine: every adapter (servlet, Vert.x, the JDK HttpServer, or
 * one of your own) goes through it, so every framework produces the same {@code scanium_http_*} series and the same
 * server spans. Obtain it from {@code ScaniumTelemetry.http()}.
 *
 * <p>The engine owns the request lifecycle; metrics and spans are two listeners on it. An adapter supplies an
 * {@link HttpRequestGetter} for its request type and calls {@link HttpServerInstrumenter#start}, then
 * {@link HttpRequestObservation#setRoute}, {@link HttpRequestObservation#makeCurrent} and
 * {@link HttpRequestObservation#end}.
 */
public final class HttpServerTelemetry {

  static {
    EngineWiring.register((builder, diagnostics, signals) -> {
      builder.diagnostics = Objects.requireNonNull(diagnostics);
      builder.signals = Objects.requireNonNull(signals);
    });
  }

  private final SpanListener spans;
  private final MetricsListener metrics;
  private final RouteTable routes;
  private final Diagnostics diagnostics;
  private final DisabledSignals signals;

  private HttpServerTelemetry(Builder b) {
    this.diagnostics = b.diagnostics;
    this.routes = new RouteTable(b.maxRoutes, diagnostics);
    this.spans = new SpanListener(b.openTelemetry, b.instrumentationVersion, b.captureQuery,
        new QueryRedaction(b.redactedQueryParameters), b.adoptServerSpans);
    this.metrics = new MetricsListener(b.registry, b.serviceName, b.deploymentEnvironment, b.serviceLabels);
    // After the metrics: a second engine on the same registry is refused naming the scanium_http_* series.
    this.signals = b.signals != null ? b.signals : new DisabledSignals(b.registry);
  }

  /**
   * A builder for an engine on an OpenTelemetry instance and a Prometheus registry of your own.
   * {@code ScaniumTelemetry} builds one from the environment; you need this only to embed the engine elsewhere.
   */
  public static Builder builder(OpenTelemetry openTelemetry, PrometheusRegistry registry) {
    return new Builder(openTelemetry, registry);
  }

  /** An instrumenter for a framework's request type. Create it once per adapter, not per request. */
  public <REQ> HttpServerInstrumenter<REQ> instrumenter(HttpRequestGetter<REQ> getter) {
    return new HttpServerInstrumenter<>(Objects.requireNonNull(getter, "getter"), spans, metrics, routes,
        diagnostics, signals, null);
  }

  /**
   * An instrumenter that leaves out the requests whose path matches {@code excludedPaths} (health checks, readiness
   * probes): they get no span, are not counted in any {@code scanium_http_*} series, and cost a path read and the
   * predicate. The predicate gets the path as {@link HttpRequestGetter#path} returns it (no query string), is called
   * on the request path, and must be fast and must not throw (if it does, the request is observed).
   */
  public <REQ> HttpServerInstrumenter<REQ> instrumenter(HttpRequestGetter<REQ> getter,
      Predicate<String> excludedPaths) {
    return new HttpServerInstrumenter<>(Objects.requireNonNull(getter, "getter"), spans, metrics, routes,
        diagnostics, signals, Objects.requireNonNull(excludedPaths, "excludedPaths"));
  }

  /** Builds an {@link HttpServerTelemetry}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private final PrometheusRegistry registry;
    private String serviceName = "unknown_service:java";
    private String deploymentEnvironment = "unknown";
    private boolean serviceLabels = true;
    private int maxRoutes = 500;
    private boolean captureQuery = true;
    private List<String> redactedQueryParameters = List.of();
    private boolean adoptServerSpans;
    private String instrumentationVersion = "unknown";
    private Diagnostics diagnostics = new Diagnostics();
    private DisabledSignals signals;

    private Builder(OpenTelemetry openTelemetry, PrometheusRegistry registry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The {@code service_name} label value. */
    public Builder serviceName(String serviceName) {
      this.serviceName = Objects.requireNonNull(serviceName);
      return this;
    }

    /** The {@code deployment_environment} label value. */
    public Builder deploymentEnvironment(String deploymentEnvironment) {
      this.deploymentEnvironment = Objects.requireNonNull(deploymentEnvironment);
      return this;
    }

    /** Whether the series carry {@code service_name} and {@code deployment_environment} (default true). */
    public Builder serviceLabels(boolean serviceLabels) {
      this.serviceLabels = serviceLabels;
      return this;
    }

    /** The bound on distinct {@code route} values (default 500). */
    public Builder maxRoutes(int maxRoutes) {
      if (maxRoutes < 1) {
        throw new IllegalArgumentException("maxRoutes must be at least 1, was " + maxRoutes);
      }
      this.maxRoutes = maxRoutes;
      return this;
    }

    /**
     * Whether spans carry {@code url.query} (default true, as the HTTP conventions ask), with the values of sensitive
     * parameters replaced by {@code REDACTED}: names containing token, secret, password, passwd, pwd, signature,
     * apikey, api_key, api-key, credential, authorization or session, the names sig, key, code, auth and
     * AWSAccessKeyId, and those of {@link #redactQueryParameters}. Metrics never carry the query.
     */
    public Builder captureQuery(boolean captureQuery) {
      this.captureQuery = captureQuery;
      return this;
    }

    /** Further query parameter names (case-insensitive, whole names) whose values {@code url.query} redacts. */
    public Builder redactQueryParameters(Collection<String> names) {
      this.redactedQueryParameters = List.copyOf(names);
      return this;
    }

    /**
     * Whether a span already current when a request reaches the adapter is the request's server span (default
     * false). The OpenTelemetry Java agent starts the server span before any application code runs: adopting it,
     * the engine names it after the route and sets {@code http.route} on it, and starts no second span; a request
     * with no span current still gets one of the engine's. The span's status, attributes and end stay its owner's.
     */
    public Builder adoptServerSpans(boolean adoptServerSpans) {
      this.adoptServerSpans = adoptServerSpans;
      return this;
    }

    /** The version reported as the instrumentation scope's version. */
    public Builder instrumentationVersion(String version) {
      this.instrumentationVersion = Objects.requireNonNull(version);
      return this;
    }

    /** Builds the engine and registers its metrics in the registry. */
    public HttpServerTelemetry build() {
      return new HttpServerTelemetry(this);
    }
  }
}
