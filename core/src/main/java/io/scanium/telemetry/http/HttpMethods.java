package io.scanium.telemetry.http;

/** The standard methods, indexed, so per-method caches are arrays; anything else is {@code _OTHER}. */
final class HttpMethods {

  static final String OTHER = "_OTHER";
  static final String[] NAMES = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "TRACE",
      OTHER};
  static final int COUNT = NAMES.length;
  static final int OTHER_INDEX = COUNT - 1;

  private HttpMethods() {}

  /** The index of a method as sent; methods are case-sensitive, so {@code get} is {@code _OTHER}. */
  static int index(String method) {
    if (method == null) {
      return OTHER_INDEX;
    }
    switch (method) {
      case "GET":
        return 0;
      case "POST":
        return 1;
      case "PUT":
        return 2;
      case "DELETE":
        return 3;
      case "PATCH":
        return 4;
      case "HEAD":
        return 5;
      case "OPTIONS":
        return 6;
      case "CONNECT":
        return 7;
      case "TRACE":
        return 8;
      default:
        return OTHER_INDEX;
    }
  }
}
