package io.scanium.telemetry.spring.webflux;

import io.netty.handler.codec.http.HttpVersion;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The HTTP version of a request served by Reactor Netty: Spring's request abstraction does not expose it. Loaded only
 * when Reactor Netty is on the class path (other servers leave the attribute out).
 */
final class NettyProtocol {

  static final boolean AVAILABLE = StackCheck.present("reactor.netty.http.server.HttpServerRequest",
      NettyProtocol.class.getClassLoader());

  private NettyProtocol() {}

  static String version(ServerHttpRequest request) {
    Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
    if (!(nativeRequest instanceof HttpServerRequest)) {
      return null;
    }
    HttpVersion version = ((HttpServerRequest) nativeRequest).version();
    if (version == null) {
      return null;
    }
    int major = version.majorVersion();
    int minor = version.minorVersion();
    return major >= 2 && minor == 0 ? Integer.toString(major) : major + "." + minor;
  }
}
