package io.scanium.telemetry.servlet;

import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.http.HttpServerInstrumenter;
import io.scanium.telemetry.http.RouteMatcher;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Instrumentation for Jakarta Servlet 6 containers (Tomcat 10.1+, Jetty 12 ee10, Undertow, ...), built only on
 * the generic engine API: a {@link Filter} that gives every request the {@code scanium_http_*} series and a server
 * span.
 *
 * <p>With this jar on a web application's classpath nothing needs to be written: {@link
 * ScaniumServletContainerInitializer} registers the filter for every request. To register it yourself:
 *
 * <pre>{@code
 * Filter filter = ScaniumServletTelemetry.builder(telemetry)
 *     .routes("/v1/items/{id}", "/v1/config")   // optional: templates for paths no framework names
 *     .build()
 *     .createFilter();
 * FilterRegistration.Dynamic reg = servletContext.addFilter("scaniumTelemetry", filter);
 * reg.setAsyncSupported(true);                   // required, or async servlets behind it fail
 * reg.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
 * }</pre>
 * or simply {@link #register(ServletContext)}.
 *
 * <p>The {@code route} label is a template, never a raw path. It is taken, at the end of the request, from the
 * first of: a route set through {@link #observation}; the {@link #ROUTE_ATTRIBUTE} request attribute; Spring
 * MVC's best-matching pattern; the templates declared with {@link Builder#routes}; the servlet mapping when it is
 * exact ({@code /health}) or a path prefix ({@code /api/*}); otherwise {@code __unmatched__}. Templates from the
 * container (declared, mapping, Spring) are relative to the web application and are recorded with its context
 * path in front ({@code /shop/items/{id}} for a web application at {@code /shop}).
 *
 * <p>Async requests ({@code startAsync}) are recorded once, when the async cycle completes, times out or fails,
 * with the status the client received. The request's context is current while the filter chain runs and during
 * every {@code AsyncContext.dispatch()}; for work handed to another thread, wrap it:
 * {@code asyncContext.start(Context.current().wrap(task))} or {@code executor.execute(Context.current().wrap(task))}.
 */
public final class ScaniumServletTelemetry {

  /** The name under which {@link #register} and the initializer register the filter. */
  public static final String FILTER_NAME = "scaniumTelemetry";

  /**
   * A request attribute read at the end of each request: a route template set by framework glue, such as a JAX-RS
   * {@code ContainerRequestFilter} ({@code requestContext.setProperty(ROUTE_ATTRIBUTE, template)}: JAX-RS request
   * properties are servlet request attributes in a servlet container). Taken as the full template, context path
   * included.
   */
  public static final String ROUTE_ATTRIBUTE = "io.scanium.telemetry.route";

  /** The request attribute holding the request's {@link HttpRequestObservation}. */
  static final String OBSERVATION_ATTRIBUTE = HttpRequestObservation.class.getName();

  private final HttpServerInstrumenter<HttpServletRequest> instrumenter;
  private final ServletRouteResolver routes;

  private ScaniumServletTelemetry(Builder b) {
    this.instrumenter = b.telemetry.http().instrumenter(ServletRequestGetter.INSTANCE);
    this.routes = new ServletRouteResolver(b.routes);
  }

  /** Instrumentation with no declared routes: routes come from the frameworks and the servlet mappings. */
  public static ScaniumServletTelemetry create(ScaniumTelemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A builder, to declare route templates. */
  public static Builder builder(ScaniumTelemetry telemetry) {
    return new Builder(telemetry);
  }

  /**
   * A new filter. Register it for the {@code REQUEST} and {@code ASYNC} dispatcher types with
   * {@code setAsyncSupported(true)}, ahead of the application's filters (see {@link #register}). Requests already
   * observed by another instance are passed through, so registering it twice does not count twice.
   */
  public Filter createFilter() {
    return new ObservingFilter(instrumenter, routes);
  }

  /**
   * Registers a new filter in a servlet context (from a {@code ServletContainerInitializer} or a
   * {@code ServletContextListener}) under {@link #FILTER_NAME}, for every path, for the {@code REQUEST} and
   * {@code ASYNC} dispatches, before the filters of {@code web.xml}.
   *
   * @return the registration, or empty when a filter named {@link #FILTER_NAME} is registered already
   */
  public Optional<FilterRegistration.Dynamic> register(ServletContext context) {
    FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, createFilter());
    if (registration == null) {
      return Optional.empty();
    }
    registration.setAsyncSupported(true);
    // ERROR and FORWARD dispatches belong to a request this filter already observes; INCLUDE is part of one.
    registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    return Optional.of(registration);
  }

  /**
   * The observation of the request being handled, for code that knows the route better than any framework
   * ({@code observation(request).ifPresent(o -> o.setRoute("/v1/items/{id}"))}) or that needs the request's
   * context on another thread ({@code o.context().wrap(task)}). Empty when the request is not observed.
   */
  public static Optional<HttpRequestObservation> observation(ServletRequest request) {
    Object o = request.getAttribute(OBSERVATION_ATTRIBUTE);
    return o instanceof HttpRequestObservation ? Optional.of((HttpRequestObservation) o) : Optional.empty();
  }

  /**
   * A servlet serving the telemetry's registry in the format the scraper asks for (Prometheus text, OpenMetrics,
   * protobuf), for services that must expose metrics on the application's own port. The dedicated scrape port
   * stays the default: see docs/servlet.md for why.
   */
  public static HttpServlet metricsServlet(ScaniumTelemetry telemetry) {
    return new PrometheusMetricsServlet(Objects.requireNonNull(telemetry, "telemetry").registry());
  }

  /** Builds {@link ScaniumServletTelemetry}. */
  public static final class Builder {
    private final ScaniumTelemetry telemetry;
    private RouteMatcher routes = RouteMatcher.of(List.of());

    private Builder(ScaniumTelemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    /**
     * Route templates for paths no framework names (plain servlets mapped to {@code /} or {@code /api/*}), e.g.
     * {@code /items/{id}}, relative to the web application's context path.
     */
    public Builder routes(String... templates) {
      this.routes = RouteMatcher.of(templates);
      return this;
    }

    /** A matcher built elsewhere. */
    public Builder routes(RouteMatcher matcher) {
      this.routes = Objects.requireNonNull(matcher, "matcher");
      return this;
    }

    /** Builds the instrumentation. */
    public ScaniumServletTelemetry build() {
      return new ScaniumServletTelemetry(this);
    }
  }
}
