package io.scanium.telemetry.servlet;

import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.http.HttpValues;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;

/** Reads a servlet request for the engine. */
final class ServletRequestGetter implements HttpRequestGetter<HttpServletRequest> {

  static final ServletRequestGetter INSTANCE = new ServletRequestGetter();

  private ServletRequestGetter() {}

  @Override
  public String method(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public String path(HttpServletRequest request) {
    // The raw path as sent (not decoded, no query), context path included: url.path is what the client asked for.
    return request.getRequestURI();
  }

  @Override
  public String header(HttpServletRequest request, String name) {
    return request.getHeader(name);
  }

  @Override
  public Iterable<String> headerNames(HttpServletRequest request) {
    Enumeration<String> names = request.getHeaderNames();
    return names == null ? Collections.emptyList() : names::asIterator;
  }

  @Override
  public String query(HttpServletRequest request) {
    return request.getQueryString();
  }

  @Override
  public String scheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String serverAddress(HttpServletRequest request) {
    String host = request.getServerName();
    // Containers return an IPv6 Host header with its brackets; server.address is the bare address.
    if (host != null && host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }

  @Override
  public int serverPort(HttpServletRequest request) {
    int port = request.getServerPort();
    return port > 0 ? port : -1;
  }

  @Override
  public String clientAddress(HttpServletRequest request) {
    return request.getRemoteAddr();
  }

  @Override
  public int clientPort(HttpServletRequest request) {
    int port = request.getRemotePort();
    return port > 0 ? port : -1;
  }

  @Override
  public Iterable<String> headerValues(HttpServletRequest request, String name) {
    Enumeration<String> values = request.getHeaders(name);
    return values == null ? Collections.emptyList() : Collections.list(values);
  }

  @Override
  public String protocolVersion(HttpServletRequest request) {
    return HttpValues.protocolVersion(request.getProtocol());
  }
}
