package io.scanium.telemetry.http;

/**
 * What a proxy says about the original request, from {@code Forwarded} (RFC 7239) or, without it, the de-facto
 * {@code X-Forwarded-For}, {@code X-Forwarded-Host} and {@code X-Forwarded-Proto}. Only the first element counts:
 * it is the one the first proxy wrote, the closest to the client. Behind any proxy or ingress the socket peer is the
 * proxy: the HTTP conventions ask for these values in {@code client.address}, {@code server.address},
 * {@code server.port} and {@code url.scheme}, and for the socket peer in {@code network.peer.*}.
 *
 * <p>The values are taken as the client sent them, for observation only: no decision is based on them.
 */
final class Forwarded {

  private Forwarded() {}

  /**
   * The original client's address, or null when no proxy header names one. {@code forwarded} is the request's
   * {@code Forwarded} header, read once by the caller for all three values.
   */
  static <REQ> String clientAddress(String forwarded, HttpRequestGetter<REQ> getter, REQ request) {
    String node = firstOf(forwarded, "for", getter, request, "x-forwarded-for");
    return node == null ? null : blankToNull(HttpValues.host(node));
  }

  /** The host the client asked for, {@code host[:port]} as sent, or null when no proxy header names one. */
  static <REQ> String host(String forwarded, HttpRequestGetter<REQ> getter, REQ request) {
    return firstOf(forwarded, "host", getter, request, "x-forwarded-host");
  }

  /** The scheme the client used, or null when no proxy header names one. */
  static <REQ> String scheme(String forwarded, HttpRequestGetter<REQ> getter, REQ request) {
    return firstOf(forwarded, "proto", getter, request, "x-forwarded-proto");
  }

  /** {@code Forwarded}'s parameter, else the first entry of the de-facto header that says the same. */
  private static <REQ> String firstOf(String forwarded, String parameter, HttpRequestGetter<REQ> getter, REQ request,
      String deFacto) {
    String value = forwarded == null ? null : parameter(forwarded, parameter);
    if (value != null) {
      return value;
    }
    String header = getter.header(request, deFacto);
    return header == null ? null : blankToNull(firstElement(header).trim());
  }

  /**
   * The value of {@code name} in the first element of a {@code Forwarded} header, unquoted; null when absent.
   * Elements are separated by commas and parameters by semicolons, outside quoted strings.
   */
  static String parameter(String header, String name) {
    int i = 0;
    int n = header.length();
    while (i < n) {
      while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
        i++;
      }
      int eq = header.indexOf('=', i);
      if (eq < 0) {
        return null;
      }
      String key = header.substring(i, eq).trim();
      int start = eq + 1;
      String value;
      int next;
      if (start < n && header.charAt(start) == '"') {
        int close = start + 1;
        while (close < n && header.charAt(close) != '"') {
          close += header.charAt(close) == '\\' ? 2 : 1;
        }
        value = header.substring(start + 1, Math.min(close, n)).replace("\\", "");
        next = close + 1;
      } else {
        next = start;
        while (next < n && header.charAt(next) != ';' && header.charAt(next) != ',') {
          next++;
        }
        value = header.substring(start, next).trim();
      }
      if (key.equalsIgnoreCase(name)) {
        return blankToNull(value);
      }
      while (next < n && header.charAt(next) == ' ') {
        next++;
      }
      if (next >= n || header.charAt(next) == ',') {
        // The end of the first element: later ones were written by proxies farther from the client.
        return null;
      }
      i = next + 1;
    }
    return null;
  }

  private static String firstElement(String header) {
    int comma = header.indexOf(',');
    return comma < 0 ? header : header.substring(0, comma);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
