package io.scanium.telemetry.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.http.HttpValues;
import java.net.InetSocketAddress;
import java.util.List;

/** Reads the JDK HttpServer's exchange for the engine. */
final class ExchangeGetter implements HttpRequestGetter<HttpExchange> {

  static final ExchangeGetter INSTANCE = new ExchangeGetter();

  @Override
  public String method(HttpExchange exchange) {
    return exchange.getRequestMethod();
  }

  @Override
  public String path(HttpExchange exchange) {
    return exchange.getRequestURI().getRawPath();
  }

  @Override
  public String header(HttpExchange exchange, String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public Iterable<String> headerNames(HttpExchange exchange) {
    return exchange.getRequestHeaders().keySet();
  }

  @Override
  public String query(HttpExchange exchange) {
    return exchange.getRequestURI().getRawQuery();
  }

  @Override
  public String scheme(HttpExchange exchange) {
    return exchange instanceof HttpsExchange ? "https" : "http";
  }

  @Override
  public String serverAddress(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null && !host.isEmpty()) {
      return HttpValues.host(host);
    }
    InetSocketAddress local = exchange.getLocalAddress();
    return local == null ? null : local.getHostString();
  }

  @Override
  public int serverPort(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    int port = host == null ? -1 : HttpValues.port(host);
    if (port > 0) {
      return port;
    }
    // No port in the Host header (or a malformed one): the socket's.
    InetSocketAddress local = exchange.getLocalAddress();
    return local == null ? -1 : local.getPort();
  }

  @Override
  public String clientAddress(HttpExchange exchange) {
    InetSocketAddress remote = exchange.getRemoteAddress();
    return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
  }

  @Override
  public int clientPort(HttpExchange exchange) {
    InetSocketAddress remote = exchange.getRemoteAddress();
    return remote == null || remote.getPort() <= 0 ? -1 : remote.getPort();
  }

  @Override
  public Iterable<String> headerValues(HttpExchange exchange, String name) {
    List<String> values = exchange.getRequestHeaders().get(name);
    return values == null ? List.of() : values;
  }

  @Override
  public String protocolVersion(HttpExchange exchange) {
    return HttpValues.protocolVersion(exchange.getProtocol());
  }
}
