package io.scanium.telemetry.http;

import io.scanium.telemetry.internal.Diagnostics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bounded set of route label values, each with what is computed once per route instead of once per request:
 * its span names per method and its labelled metric series.
 *
 * <p>Keyed by the string the adapter passed (usually a constant of the framework), so the common case is one
 * hash lookup of a string whose hash is cached.
 */
final class RouteTable {

  private final ConcurrentHashMap<String, Route> byRaw = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Route> byTemplate = new ConcurrentHashMap<>();
  private final AtomicInteger distinct = new AtomicInteger();
  private final int maxRoutes;
  private final Diagnostics diagnostics;
  final Route unmatched;
  final Route overflow;

  RouteTable(int maxRoutes, Diagnostics diagnostics) {
    this.maxRoutes = maxRoutes;
    this.diagnostics = diagnostics;
    this.unmatched = new Route(HttpRoutes.UNMATCHED, false);
    this.overflow = new Route(HttpRoutes.OVERFLOW, false);
  }

  /** The route for a template as the adapter gave it; the overflow route once the bound is reached. */
  Route get(String raw) {
    if (raw == null) {
      return unmatched;
    }
    Route r = byRaw.get(raw);
    if (r != null) {
      return r;
    }
    return slowGet(raw);
  }

  private Route slowGet(String raw) {
    String template = HttpRoutes.normalize(raw);
    Route r = byTemplate.get(template);
    if (r == null) {
      if (distinct.get() >= maxRoutes) {
        diagnostics.warnOnce("route-overflow", "More than " + maxRoutes + " distinct HTTP routes were seen; further"
            + " routes are recorded as route=\"" + HttpRoutes.OVERFLOW + "\". If these are real routes, raise"
            + " SCANIUM_HTTP_MAX_ROUTES; if they are raw paths, the adapter is setting paths instead of templates."
            + " Route that overflowed: " + template);
        return overflow;
      }
      Route created = new Route(template, true);
      r = byTemplate.putIfAbsent(template, created);
      if (r == null) {
        r = created;
        distinct.incrementAndGet();
      }
    }
    if (byRaw.size() < maxRoutes * 4) {
      byRaw.putIfAbsent(raw, r);
    }
    return r;
  }

  /** One route label value and its caches. */
  static final class Route {
    final String template;
    final boolean matched;
    final String[] spanNames = new String[HttpMethods.COUNT];
    /** Per method, per status (100..599), the labelled series; filled lazily. */
    final AtomicReferenceArray<AtomicReferenceArray<Object>> series = new AtomicReferenceArray<>(HttpMethods.COUNT);

    Route(String template, boolean matched) {
      this.template = template;
      this.matched = matched;
      for (int i = 0; i < HttpMethods.COUNT; i++) {
        String method = i == HttpMethods.OTHER_INDEX ? "HTTP" : HttpMethods.NAMES[i];
        spanNames[i] = matched ? method + " " + template : method;
      }
    }
  }
}
