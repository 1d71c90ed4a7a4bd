package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.http.HttpRequestGetter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/** What the engine needs to know about a WebFlux request; only {@code ServerHttpRequest} API of Spring 6.2 and 7. */
final class ExchangeGetter implements HttpRequestGetter<ServerWebExchange> {

  static final ExchangeGetter INSTANCE = new ExchangeGetter();

  private ExchangeGetter() {}

  @Override
  public String method(ServerWebExchange exchange) {
    return exchange.getRequest().getMethod().name();
  }

  @Override
  public String path(ServerWebExchange exchange) {
    return exchange.getRequest().getPath().value();
  }

  @Override
  public String header(ServerWebExchange exchange, String name) {
    return exchange.getRequest().getHeaders().getFirst(name);
  }

  @Override
  public String query(ServerWebExchange exchange) {
    return exchange.getRequest().getURI().getRawQuery();
  }

  @Override
  public String scheme(ServerWebExchange exchange) {
    return exchange.getRequest().getURI().getScheme();
  }

  @Override
  public String serverAddress(ServerWebExchange exchange) {
    return exchange.getRequest().getURI().getHost();
  }

  @Override
  public int serverPort(ServerWebExchange exchange) {
    URI uri = exchange.getRequest().getURI();
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    // The URI has no port when the Host header has none: the client used the scheme's default port.
    return "https".equals(uri.getScheme()) ? 443 : "http".equals(uri.getScheme()) ? 80 : -1;
  }

  @Override
  public String clientAddress(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null) {
      return null;
    }
    InetAddress address = remote.getAddress();
    return address != null ? address.getHostAddress() : remote.getHostString();
  }

  @Override
  public int clientPort(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    return remote == null || remote.getPort() <= 0 ? -1 : remote.getPort();
  }

  @Override
  public String protocolVersion(ServerWebExchange exchange) {
    ServerHttpRequest request = exchange.getRequest();
    return NettyProtocol.AVAILABLE ? NettyProtocol.version(request) : null;
  }
}
