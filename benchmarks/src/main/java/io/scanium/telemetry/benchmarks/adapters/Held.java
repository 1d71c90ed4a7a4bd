package io.scanium.telemetry.benchmarks.adapters;

import io.scanium.telemetry.http.HttpRequestGetter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What the held-request states share: the one request a real server receives at setup and holds until teardown, and
 * the adapters' package-private getters.
 */
final class Held {

  /** The path of the held request; the adapters are given the template {@link #ROUTE}. */
  static final String PATH = "/v1/items/42";

  static final String ROUTE = "/v1/items/{id}";

  private Held() {}

  /**
   * Logback without a configuration logs everything at DEBUG: Jetty's and Netty's lines would flood the run's log.
   */
  static void quietLogging() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
  }

  /**
   * Sends a hello-world load tool's request to a server on 127.0.0.1 and leaves the connection open: the server
   * holds the request until the socket is closed or its handler lets go.
   */
  static Socket send(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    String request = "GET " + PATH + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "User-Agent: wrk/4.2.0\r\n"
        + "Accept: */*\r\n"
        + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /**
   * An adapter's getter, which is package-private: the benchmark reads it as the engine does, through
   * {@link HttpRequestGetter}.
   */
  @SuppressWarnings("unchecked")
  static <R> HttpRequestGetter<R> getter(String className) {
    try {
      java.lang.reflect.Field field = Class.forName(className).getDeclaredField("INSTANCE");
      field.setAccessible(true);
      return (HttpRequestGetter<R>) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no getter " + className, e);
    }
  }
}
