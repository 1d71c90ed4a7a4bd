package io.scanium.telemetry.http;

/**
 * Request values every adapter reads the same way, parsed in one place so that the same request gives the same
 * attributes on every framework: the host and port of a {@code Host} header (or a {@code Forwarded} node), and
 * the protocol version as the semantic conventions spell it.
 */
public final class HttpValues {

  private HttpValues() {}

  /**
   * The host part of {@code host[:port]}, {@code [v6]:port} or a bare IPv6 address, without brackets.
   *
   * @param hostAndPort a {@code Host} header value or a {@code Forwarded} node; not null
   * @return the host, never null
   */
  public static String host(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int end = hostAndPort.indexOf(']');
      return end < 0 ? hostAndPort.substring(1) : hostAndPort.substring(1, end);
    }
    int colon = hostAndPort.indexOf(':');
    // More than one colon: a bare IPv6 address, which has no port.
    return colon < 0 || hostAndPort.indexOf(':', colon + 1) >= 0 ? hostAndPort : hostAndPort.substring(0, colon);
  }

  /**
   * The port of {@code host:port} or {@code [v6]:port}.
   *
   * @param hostAndPort a {@code Host} header value or a {@code Forwarded} node; not null
   * @return the port, or -1 when there is none or it is not a valid port number
   */
  public static int port(String hostAndPort) {
    int colon = hostAndPort.startsWith("[") ? hostAndPort.indexOf("]:") + 1 : hostAndPort.indexOf(':');
    if (colon <= 0 || hostAndPort.indexOf(':', colon + 1) >= 0) {
      return -1;
    }
    try {
      // Parsed in place: a substring would allocate on every request.
      int port = Integer.parseInt(hostAndPort, colon + 1, hostAndPort.length(), 10);
      return port > 0 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * {@code HTTP/1.1} is {@code 1.1}; {@code HTTP/2.0} is {@code 2}, as the semantic conventions spell it.
   *
   * @param protocol the request line's protocol, e.g. {@code HTTP/1.1}; may be null
   * @return the version, or null when {@code protocol} is not HTTP
   */
  public static String protocolVersion(String protocol) {
    if (protocol == null) {
      return null;
    }
    // The versions every request has, as constants: the general case below allocates on every request.
    switch (protocol) {
      case "HTTP/1.1":
        return "1.1";
      case "HTTP/1.0":
        return "1.0";
      case "HTTP/2.0":
      case "HTTP/2":
        return "2";
      default:
        break;
    }
    if (!protocol.startsWith("HTTP/")) {
      return null;
    }
    String version = protocol.substring(5);
    return version.endsWith(".0") && !version.startsWith("1") ? version.substring(0, version.length() - 2)
        : version;
  }
}
