package io.scanium.telemetry.vertx;

import io.scanium.telemetry.http.HttpRequestGetter;
import io.scanium.telemetry.http.HttpValues;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/**
 * Reads a Vert.x server request for the engine.
 *
 * <p>Scheme, addresses and port come from the connection and the {@code Host} header, not from the request's
 * {@code scheme()}, {@code authority()} or {@code remoteAddress()}: behind a Vert.x Web router those parse the
 * {@code Forwarded} headers first, which on a hello-world request costs more than the rest of this getter. The
 * client address is the socket peer, as the engine asks.
 */
final class RequestGetter implements HttpRequestGetter<HttpServerRequest> {

  static final RequestGetter INSTANCE = new RequestGetter();

  @Override
  public String method(HttpServerRequest request) {
    return request.method().name();
  }

  @Override
  public String path(HttpServerRequest request) {
    return request.path();
  }

  @Override
  public String header(HttpServerRequest request, String name) {
    return request.getHeader(name);
  }

  @Override
  public Iterable<String> headerNames(HttpServerRequest request) {
    return request.headers().names();
  }

  @Override
  public String query(HttpServerRequest request) {
    return request.query();
  }

  @Override
  public String scheme(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    return connection != null && connection.isSsl() ? "https" : "http";
  }

  @Override
  public String serverAddress(HttpServerRequest request) {
    String host = request.getHeader(HttpHeaders.HOST);
    if (host != null && !host.isEmpty()) {
      return HttpValues.host(host);
    }
    if (request.version() == HttpVersion.HTTP_2) {
      // HTTP/2 carries the host in the :authority pseudo-header, which only authority() reads.
      HostAndPort authority = request.authority();
      if (authority != null && authority.host() != null && !authority.host().isEmpty()) {
        return authority.host();
      }
    }
    SocketAddress local = localAddress(request);
    return local == null ? null : local.hostAddress();
  }

  @Override
  public int serverPort(HttpServerRequest request) {
    String host = request.getHeader(HttpHeaders.HOST);
    if (host != null) {
      int port = HttpValues.port(host);
      if (port > 0) {
        return port;
      }
      // No port in the Host header (or a malformed one): the socket's.
    } else if (request.version() == HttpVersion.HTTP_2) {
      HostAndPort authority = request.authority();
      if (authority != null && authority.port() > 0) {
        return authority.port();
      }
    }
    SocketAddress local = localAddress(request);
    return local == null ? -1 : local.port();
  }

  @Override
  public String clientAddress(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    SocketAddress remote = connection == null ? null : connection.remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  @Override
  public int clientPort(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    SocketAddress remote = connection == null ? null : connection.remoteAddress();
    return remote == null || remote.port() <= 0 ? -1 : remote.port();
  }

  @Override
  public Iterable<String> headerValues(HttpServerRequest request, String name) {
    return request.headers().getAll(name);
  }

  @Override
  public String protocolVersion(HttpServerRequest request) {
    HttpVersion version = request.version();
    if (version == null) {
      return null;
    }
    switch (version) {
      case HTTP_1_0:
        return "1.0";
      case HTTP_1_1:
        return "1.1";
      case HTTP_2:
        return "2";
      default:
        return null;
    }
  }

  private static SocketAddress localAddress(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    return connection == null ? null : connection.localAddress();
  }
}
