package io.scanium.telemetry.vertx;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds the route template of a request from Vert.x Web's own routes, never from the raw path.
 *
 * <p>In the normal case the answer is the route the routing context is on when the response ends: the last route
 * Vert.x matched, whose handler ended the response; its path ({@code /v1/items/:id}), its wildcard path as
 * {@code /static/*}, or for a regex route its name if the application gave one, else its pattern. Two cases need
 * more, because Vert.x Web does not expose them through the routing context the instrumentation holds:
 * <ul>
 *   <li>a mounted sub-router: the context is on the mount route ({@code /api/*}); the sub-router's routes are
 *       matched against the rest of the path, and the mount path is prefixed, parameters included
 *       ({@code /tenants/:tenant/*} + {@code /items/:id} = {@code /tenants/{tenant}/items/{id}});</li>
 *   <li>a failure answered by Vert.x or by a path-less failure handler: Vert.x has reset the context's route to
 *       restart routing for failure handlers, so the request's routes are matched again.</li>
 * </ul>
 * Matching again takes the first route, in the router's order, whose method and path match and which is not a
 * wildcard route; a wildcard route ({@code /api/*}, typically a guard that calls {@code next()}) only when nothing
 * more specific matches. A route without a path and without a name has no template: such a request is
 * {@code __unmatched__}, like a 404. Matching again knows a regex route only by its pattern, so a regex route the
 * application named is not found that way (inside a sub-router, or after a failure Vert.x answered); and a sub-router
 * mounted on a regex route contributes no prefix.
 */
final class VertxRouteResolver {

  /**
   * Marks, in a route's own metadata, the routes this module added to applications' routers: never a request's route.
   * A static set of them would keep every instrumented router alive, in applications that build routers as they go.
   */
  private static final String OWN = "io.scanium.telemetry.vertx.own";
  private static final int MAX_DEPTH = 16;
  private static final int MAX_CACHED = 4096;
  private static final Object NO_PATTERN = new Object();

  private final ConcurrentHashMap<Route, Object> patterns = new ConcurrentHashMap<>();

  static void markOwn(Route route) {
    route.putMetadata(OWN, Boolean.TRUE);
  }

  static boolean isOwn(Route route) {
    return Boolean.TRUE.equals(route.getMetadata(OWN));
  }

  /** The template of the request routed by {@code ctx} through {@code top}, or null when no route names it. */
  String resolve(RoutingContext ctx, Router top) {
    Route current = ctx.currentRoute();
    if (current != null && !isOwn(current)) {
      Router sub = current.getSubRouter();
      if (sub == null) {
        String template = template(current);
        if (template != null) {
          return template;
        }
      } else {
        PathPattern mount = pattern(current);
        String rest = mount == null ? null : mount.remainder(ctx.normalizedPath());
        if (rest != null) {
          String template = match(sub, rest, ctx.request().method(), mountPrefix(current), 1);
          if (template != null) {
            return template;
          }
        }
      }
    }
    if (ctx.failed() && top != null) {
      return match(top, ctx.normalizedPath(), ctx.request().method(), "", 0);
    }
    return null;
  }

  /** The template a route gives, in Vert.x syntax ({@code :id}); the engine normalises it. */
  static String template(Route route) {
    String path = route.getPath();
    if (path != null) {
      if (route.isExactPath()) {
        return path;
      }
      return path.endsWith("/") ? path + "*" : path + "/*";
    }
    // A regex route: its name if the application set one, else its pattern. A path-less route: its name or null.
    return route.getName();
  }

  private String match(Router router, String path, HttpMethod method, String prefix, int depth) {
    if (depth > MAX_DEPTH || path == null) {
      return null;
    }
    String wildcard = null;
    for (Route route : router.getRoutes()) {
      if (isOwn(route)) {
        continue;
      }
      Set<HttpMethod> methods = route.methods();
      if (methods != null && !methods.isEmpty() && !methods.contains(method)) {
        continue;
      }
      PathPattern pattern = pattern(route);
      if (pattern == null) {
        continue;
      }
      Router sub = route.getSubRouter();
      if (sub != null) {
        String rest = pattern.remainder(path);
        if (rest != null) {
          String inner = match(sub, rest, method, join(prefix, mountPrefix(route)), depth + 1);
          if (inner != null) {
            return inner;
          }
        }
        continue;
      }
      if (!pattern.matches(path)) {
        continue;
      }
      String template = join(prefix, template(route));
      if (!pattern.wildcard) {
        return template;
      }
      if (wildcard == null) {
        wildcard = template;
      }
    }
    return wildcard;
  }

  /** The part of a mount route's path that prefixes its sub-router's templates: {@code /api/*} gives {@code /api}. */
  private static String mountPrefix(Route mount) {
    String path = mount.getPath();
    if (path == null) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String join(String prefix, String template) {
    if (prefix.isEmpty()) {
      return template;
    }
    if (template == null || template.isEmpty() || template.equals("/")) {
      return prefix;
    }
    return template.charAt(0) == '/' ? prefix + template : prefix + "/" + template;
  }

  private PathPattern pattern(Route route) {
    Object cached = patterns.get(route);
    if (cached == null) {
      PathPattern compiled = PathPattern.of(route);
      cached = compiled == null ? NO_PATTERN : compiled;
      if (patterns.size() >= MAX_CACHED) {
        // Routes added and removed at run time: forget them all rather than grow without bound.
        patterns.clear();
      }
      patterns.put(route, cached);
    }
    return cached == NO_PATTERN ? null : (PathPattern) cached;
  }

  /** A route's path, compiled the way Vert.x Web matches it. */
  static final class PathPattern {
    final Pattern pattern;
    final boolean wildcard;

    private PathPattern(Pattern pattern, boolean wildcard) {
      this.pattern = pattern;
      this.wildcard = wildcard;
    }

    static PathPattern of(Route route) {
      String path = route.getPath();
      if (path != null) {
        boolean exact = route.isExactPath();
        String base = !exact && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String regex = "^" + toRegex(base) + (exact ? "/?$" : "(/.*)?$");
        return new PathPattern(Pattern.compile(regex), !exact);
      }
      if (route.isRegexPath() && route.getName() != null) {
        // Unnamed regex routes report their pattern as their name; a named one is not matched again.
        try {
          return new PathPattern(Pattern.compile(route.getName()), false);
        } catch (PatternSyntaxException e) {
          return null;
        }
      }
      return null;
    }

    boolean matches(String path) {
      return path != null && pattern.matcher(path).matches();
    }

    /** For a wildcard route, the path below its prefix ({@code /api/*} on {@code /api/x} gives {@code /x}). */
    String remainder(String path) {
      if (path == null) {
        return null;
      }
      Matcher m = pattern.matcher(path);
      if (!m.matches()) {
        return null;
      }
      String rest = wildcard && m.groupCount() >= 1 ? m.group(m.groupCount()) : null;
      return rest == null || rest.isEmpty() ? "/" : rest;
    }

    /** Vert.x path syntax to a regex: {@code :name} matches one segment, everything else is literal. */
    static String toRegex(String path) {
      StringBuilder sb = new StringBuilder(path.length() + 16);
      int i = 0;
      while (i < path.length()) {
        char c = path.charAt(i);
        if (c == ':' && i + 1 < path.length() && Character.isLetter(path.charAt(i + 1))) {
          int end = i + 1;
          while (end < path.length() && (Character.isLetterOrDigit(path.charAt(end)) || path.charAt(end) == '_')) {
            end++;
          }
          sb.append("[^/]+");
          i = end;
        } else {
          if ("\\.[]{}()*+-?^$|".indexOf(c) >= 0) {
            sb.append('\\');
          }
          sb.append(c);
          i++;
        }
      }
      return sb.toString();
    }
  }
}
