package io.scanium.telemetry.http;

import java.util.Collections;

/**
 * What an adapter tells the engine about a request of its framework. Only {@link #method}, {@link #path} and
 * {@link #header} are required; the rest improve the span where the framework knows them.
 *
 * <p>Implementations are called on the request path and must not throw; the engine guards them anyway, so a
 * failing getter costs an attribute, never the request.
 *
 * @param <REQ> the framework's request type
 */
public interface HttpRequestGetter<REQ> {

  /** The request method as sent, e.g. {@code GET}. */
  String method(REQ request);

  /** The path, without query string. Used for the {@code url.path} span attribute and route matching only. */
  String path(REQ request);

  /** The first value of a request header, or null. Used to extract the caller's trace context. */
  String header(REQ request, String name);

  /** Header names, for propagators that iterate (baggage does not need it); empty if unknown. */
  default Iterable<String> headerNames(REQ request) {
    return Collections.emptyList();
  }

  /** The raw query string without {@code ?}, or null. Recorded only when query capture is switched on. */
  default String query(REQ request) {
    return null;
  }

  /** {@code http} or {@code https}, or null if unknown. */
  default String scheme(REQ request) {
    return null;
  }

  /** The host the client addressed (Host header or :authority, without port), or null. */
  default String serverAddress(REQ request) {
    return null;
  }

  /** The port the client addressed, or -1. */
  default int serverPort(REQ request) {
    return -1;
  }

  /** The peer's address (the socket peer, not a forwarded header), or null. */
  default String clientAddress(REQ request) {
    return null;
  }

  /** The socket peer's port, or -1. */
  default int clientPort(REQ request) {
    return -1;
  }

  /**
   * Every value of a header that may be repeated, in the order received; empty when absent. Propagation headers
   * such as {@code baggage} may come as several lines, which together are one list: with only {@link #header},
   * entries of the later lines are lost. The default sees the first value only.
   */
  default Iterable<String> headerValues(REQ request, String name) {
    String value = header(request, name);
    return value == null ? Collections.emptyList() : Collections.singletonList(value);
  }

  /** The HTTP version, e.g. {@code 1.1} or {@code 2}, or null. */
  default String protocolVersion(REQ request) {
    return null;
  }
}
