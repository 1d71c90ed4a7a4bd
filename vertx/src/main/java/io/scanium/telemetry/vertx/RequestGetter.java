package io.scanium.telemetry.vertx;

import io.scanium.telemetry.http.HttpRequestGetter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/** Reads a Vert.x server request for the engine. */
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
    return request.scheme();
  }

  @Override
  public String serverAddress(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority != null && authority.host() != null && !authority.host().isEmpty()) {
      return authority.host();
    }
    SocketAddress local = request.localAddress();
    return local == null ? null : local.hostAddress();
  }

  @Override
  public int serverPort(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority != null && authority.port() > 0) {
      return authority.port();
    }
    SocketAddress local = request.localAddress();
    return local == null ? -1 : local.port();
  }

  @Override
  public String clientAddress(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null ? null : remote.hostAddress();
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
}
