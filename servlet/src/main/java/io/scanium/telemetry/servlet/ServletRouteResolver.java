package io.scanium.telemetry.servlet;

import io.scanium.telemetry.http.RouteMatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the route template of a finished request, from the most specific source the request carries. Called at the
 * end of the request, because frameworks set their attributes during dispatch. The order:
 * <ol>
 *   <li>a route the application set through the API ({@link io.scanium.telemetry.http.HttpRequestObservation});
 *       the caller checks that first;</li>
 *   <li>the {@link ScaniumServletTelemetry#ROUTE_ATTRIBUTE} request attribute, set by framework glue such as a
 *       JAX-RS filter;</li>
 *   <li>Spring MVC's best-matching pattern, unless it is the catch-all {@code /**} of static resources;</li>
 *   <li>the templates declared on the builder, matched against the path within the context;</li>
 *   <li>the servlet mapping, when it names the request's path exactly ({@code /health}) or by prefix
 *       ({@code /api/*}, but not {@code /*}, and not when templates were declared under the prefix: the
 *       application named that prefix's routes, and a path none of them matches is unmatched, as on the JDK and
 *       Vert.x adapters).</li>
 * </ol>
 * Declared templates come before the servlet mapping because a template that matched ({@code /api/items/{id}}) is
 * more specific than the prefix mapping that routed the request ({@code /api/*}).
 */
final class ServletRouteResolver {

  /** Spring's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, read by name: no Spring dependency. */
  static final String SPRING_BEST_MATCHING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  /** The pattern of Spring's static-resource handler ({@code spring.mvc.static-path-pattern}'s default). */
  static final String SPRING_CATCH_ALL = "/**";

  private final RouteMatcher declared;
  private final boolean hasDeclared;

  ServletRouteResolver(RouteMatcher declared) {
    this.declared = declared;
    this.hasDeclared = !declared.templates().isEmpty();
  }

  /** The template for this request, or null when no source knows it (the engine then records the unmatched route). */
  String resolve(HttpServletRequest request) {
    Object explicit = request.getAttribute(ScaniumServletTelemetry.ROUTE_ATTRIBUTE);
    if (explicit != null) {
      return explicit.toString();
    }
    String contextPath = contextPath(request);
    Object spring = request.getAttribute(SPRING_BEST_MATCHING_PATTERN);
    // "/**" is Spring's static-resource handler, which takes every path: like a "/*" mapping it says nothing about
    // the path's shape, and a 404 for an unknown path must stay unmatched.
    if (spring != null && !SPRING_CATCH_ALL.equals(spring.toString())) {
      ServletMapping mapping = ServletMapping.of(request);
      // Spring matches within the DispatcherServlet's path: for a DispatcherServlet on /api/*, /items/{id} is
      // /api/items/{id} to the client. PathPattern's toString() is its pattern text, so either type works.
      String prefix = mapping.match() == ServletMapping.Match.PATH ? prefixOf(mapping.pattern()) : "";
      return join(contextPath, join(prefix, spring.toString()));
    }
    if (hasDeclared) {
      String uri = request.getRequestURI();
      if (uri != null && uri.startsWith(contextPath)) {
        String template = declared.match(contextPath.isEmpty() ? uri : uri.substring(contextPath.length()));
        if (template != null) {
          return join(contextPath, template);
        }
      }
    }
    ServletMapping mapping = ServletMapping.of(request);
    switch (mapping.match()) {
      case EXACT:
        return join(contextPath, mapping.pattern());
      case PATH:
        // "/*" takes every path, as the default servlet does: it says nothing about the path's shape either. And
        // where the application declared templates under the prefix, a path none of them matches is unmatched, as
        // on every adapter: the prefix names the route only for what the application left undeclared.
        return "/*".equals(mapping.pattern()) || declaresUnder(prefixOf(mapping.pattern())) ? null
            : join(contextPath, mapping.pattern());
      case CONTEXT_ROOT:
        return contextPath.isEmpty() ? "/" : contextPath;
      default:
        // The default servlet ("/") and extensions ("*.jsp") say nothing about the path's shape.
        return null;
    }
  }

  private boolean declaresUnder(String prefix) {
    for (String template : declared.templates()) {
      if (template.equals(prefix) || template.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String contextPath(HttpServletRequest request) {
    String c = request.getContextPath();
    return c == null || c.equals("/") ? "" : c;
  }

  /** {@code /api/*} is {@code /api}; {@code /*} is empty. */
  private static String prefixOf(String pathPattern) {
    if (pathPattern == null) {
      return "";
    }
    return pathPattern.endsWith("/*") ? pathPattern.substring(0, pathPattern.length() - 2) : pathPattern;
  }

  private static String join(String prefix, String template) {
    if (prefix.isEmpty()) {
      return template;
    }
    if (template.isEmpty() || template.equals("/")) {
      return prefix;
    }
    return template.charAt(0) == '/' ? prefix + template : prefix + '/' + template;
  }
}
