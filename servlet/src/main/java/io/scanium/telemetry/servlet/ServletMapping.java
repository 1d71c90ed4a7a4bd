package io.scanium.telemetry.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * How the servlet that serves a request was mapped, as Servlet 4's {@code HttpServletMapping} tells it.
 *
 * <p>The same source is compiled for the older servlet API too, which includes Servlet 3.1 containers (Jetty 9.4)
 * where that API does not exist, and containers whose requests keep the API's default mapping (no match). There
 * the mapping is derived from the servlet path, the path info and the patterns the application registered, which
 * the Servlet spec defines for every mapping kind: an exact mapping gives the whole path as servlet path, a path
 * mapping {@code /api/*} gives {@code /api} plus path info.
 *
 * @param match the kind of mapping
 * @param pattern the URL pattern that matched, meaningful for {@link Match#EXACT} and {@link Match#PATH}
 */
record ServletMapping(Match match, String pattern) {

  /** The kinds of mapping that give (or deny) a route: Servlet 4's {@code MappingMatch} without the API. */
  enum Match { CONTEXT_ROOT, EXACT, PATH, OTHER }

  private static final ServletMapping OTHER = new ServletMapping(Match.OTHER, null);

  /** The context attribute caching the application's URL patterns; they are fixed once the application runs. */
  static final String PATTERNS_ATTRIBUTE = ServletMapping.class.getName() + ".patterns";

  private static final boolean SERVLET_4 = hasMappingApi();

  /** The request attribute keeping a derived mapping across an async cycle. */
  static final String ATTRIBUTE = ServletMapping.class.getName();

  /** The mapping that routed this request; {@link Match#OTHER} when none tells the path's shape. */
  static ServletMapping of(HttpServletRequest request) {
    if (SERVLET_4) {
      ServletMapping reported = Servlet4.mapping(request);
      if (reported != null) {
        return reported;
      }
    }
    Object remembered = request.getAttribute(ATTRIBUTE);
    return remembered instanceof ServletMapping ? (ServletMapping) remembered : derived(request);
  }

  /**
   * Keeps the mapping of the request as it arrived, for a route resolved when its async cycle completes: without
   * {@code HttpServletMapping}, only the servlet path tells the mapping, and containers reset or change it (to the
   * target of an {@code AsyncContext.dispatch}) once the first dispatch returns. Call while it is still running.
   */
  static void remember(HttpServletRequest request) {
    try {
      if (!SERVLET_4 || Servlet4.mapping(request) == null) {
        request.setAttribute(ATTRIBUTE, derived(request));
      }
    } catch (RuntimeException e) {
      // Never into the request: the route is then resolved from what the request says at its end.
    }
  }

  private static ServletMapping derived(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    if (servletPath == null) {
      return OTHER;
    }
    Set<String> patterns = patterns(request.getServletContext());
    if (pathInfo == null) {
      // An exact mapping and the default servlet ("/") both give the whole path as servlet path.
      return patterns.contains(servletPath) ? new ServletMapping(Match.EXACT, servletPath) : OTHER;
    }
    if (servletPath.isEmpty() && pathInfo.equals("/") && patterns.contains("")) {
      return new ServletMapping(Match.CONTEXT_ROOT, "");
    }
    String pathPattern = servletPath + "/*";
    return patterns.contains(pathPattern) ? new ServletMapping(Match.PATH, pathPattern) : OTHER;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> patterns(ServletContext context) {
    if (context == null) {
      return Set.of();
    }
    Object cached = context.getAttribute(PATTERNS_ATTRIBUTE);
    if (cached instanceof Set) {
      return (Set<String>) cached;
    }
    Set<String> patterns = new HashSet<>();
    try {
      for (ServletRegistration registration : context.getServletRegistrations().values()) {
        Collection<String> mappings = registration.getMappings();
        if (mappings != null) {
          patterns.addAll(mappings);
        }
      }
    } catch (RuntimeException e) {
      // A context that does not list its registrations: no mapping is known, routes fall back to the default.
      return Set.of();
    }
    Set<String> fixed = Set.copyOf(patterns);
    context.setAttribute(PATTERNS_ATTRIBUTE, fixed);
    return fixed;
  }

  private static boolean hasMappingApi() {
    try {
      HttpServletRequest.class.getMethod("getHttpServletMapping");
      return true;
    } catch (NoSuchMethodException | LinkageError e) {
      return false;
    }
  }

  /** The only code touching Servlet 4 types, loaded only where they exist. */
  private static final class Servlet4 {
    private Servlet4() {}

    static ServletMapping mapping(HttpServletRequest request) {
      HttpServletMapping mapping = request.getHttpServletMapping();
      if (mapping == null || mapping.getMappingMatch() == null) {
        // The API's default (a Servlet 3.1 container with the Servlet 4 API jar): derive it instead.
        return null;
      }
      switch (mapping.getMappingMatch()) {
        case CONTEXT_ROOT:
          return new ServletMapping(Match.CONTEXT_ROOT, "");
        case EXACT:
          return new ServletMapping(Match.EXACT, mapping.getPattern());
        case PATH:
          return new ServletMapping(Match.PATH, mapping.getPattern());
        default:
          return OTHER;
      }
    }
  }
}
