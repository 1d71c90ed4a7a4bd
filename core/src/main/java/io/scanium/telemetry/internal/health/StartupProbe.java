package io.scanium.telemetry.internal.health;

import io.opentelemetry.api.internal.InstrumentationUtil;
import io.scanium.telemetry.internal.config.Redact;
import io.scanium.telemetry.internal.config.Signal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Asks a collector, once at startup, whether it would take a signal: resolves its host, connects, and POSTs an empty
 * OTLP request (a valid, empty export) to the signal's URL with the configured headers. Each way the path can be
 * broken has its own answer and fix, the ones the field reports found by hand: a host that does not resolve, a
 * refused or unanswered connection, TLS, 404 (wrong port or path, or no pipeline for the signal), 401/403, 415.
 */
public final class StartupProbe {

  /** What the probe found, with the fix for it. */
  public enum Outcome {
    READY("ready", null),
    UNKNOWN_HOST("unknown_host", "the host name does not resolve from here: check its spelling and this network's"
        + " DNS (inside a container, the collector's service name)."),
    REFUSED("refused", "nothing listens there: is the collector running, and is this its OTLP/HTTP port (usually"
        + " 4318)?"),
    TIMEOUT("timeout", "no answer in time: a firewall or network policy may drop the traffic, or the collector is"
        + " overloaded."),
    TLS("tls_failure", "the TLS handshake failed: check https vs http, and trust the collector's certificate"
        + " (OTEL_EXPORTER_OTLP_CERTIFICATE)."),
    NOT_FOUND("not_found", "HTTP 404: this is not an OTLP/HTTP receiver's path, or the collector has no pipeline for"
        + " this signal; check the port (4318) and the path."),
    UNAUTHORIZED("unauthorized", "the collector refuses the credentials: check OTEL_EXPORTER_OTLP_HEADERS."),
    UNSUPPORTED("unsupported_media_type", "HTTP 415: the collector does not take OTLP protobuf there; is this an"
        + " OTLP/HTTP endpoint?"),
    OTHER("other", "an unexpected answer: see the detail.");

    private final String label;
    private final String fix;

    Outcome(String label, String fix) {
      this.label = label;
      this.fix = fix;
    }

    /** The {@code result} label of the probe's series. */
    public String label() {
      return label;
    }

    /** What to do about it; null when ready. */
    public String fix() {
      return fix;
    }
  }

  /** One signal's answer; {@code url} as messages show it, credentials masked, since it is printed. */
  public record Result(Signal signal, String url, Outcome outcome, String detail) {
    public Result {
      url = Redact.url(url);
    }

    /** {@code probe traces: READY (HTTP 200 ...)} or the problem with its fix. */
    public String describe() {
      return "probe " + signal.id() + " " + url + ": " + outcome.name().replace('_', ' ') + " (" + detail + ")"
          + (outcome.fix() == null ? "" : ". " + outcome.fix());
    }
  }

  /** Resolves host names; the real resolver but in tests, which must not send DNS queries. */
  @FunctionalInterface
  public interface Resolver {
    void resolve(String host) throws UnknownHostException;
  }

  /** The JVM's resolver. */
  public static final Resolver DNS = InetAddress::getAllByName;

  private StartupProbe() {}

  /**
   * Probes one signal's OTLP/HTTP URL. Never throws. The request is the library's own traffic: instrumentation is
   * suppressed around it, so that the OpenTelemetry Java agent, which honours the API's suppression, does not trace
   * it.
   */
  public static Result probe(Signal signal, String url, Map<String, String> headers, Duration timeout,
      Resolver resolver) {
    Result[] result = new Result[1];
    try {
      InstrumentationUtil.suppressInstrumentation(() -> result[0] = send(signal, url, headers, timeout, resolver));
    } catch (LinkageError e) {
      // An API without the suppression: nothing instruments this call but the agent, which brings it.
    }
    return result[0] != null ? result[0] : send(signal, url, headers, timeout, resolver);
  }

  private static Result send(Signal signal, String url, Map<String, String> headers, Duration timeout,
      Resolver resolver) {
    long start = System.nanoTime();
    HttpURLConnection connection = null;
    try {
      URI uri = URI.create(url);
      try {
        resolver.resolve(uri.getHost());
      } catch (UnknownHostException e) {
        return new Result(signal, url, Outcome.UNKNOWN_HOST, "host " + uri.getHost() + " not found");
      }
      // HttpURLConnection, not java.net.http's client: the probe runs while the application starts, and that client
      // costs about 100 ms of CPU more to create (280 classes, a selector thread, the JDK's trust store even for an
      // http:// URL). Like the exporter's client, it goes through the default proxy selector.
      connection = (HttpURLConnection) uri.toURL().openConnection();
      int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      connection.setConnectTimeout(millis);
      connection.setReadTimeout(millis);
      connection.setInstanceFollowRedirects(false);
      connection.setUseCaches(false);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      // Streaming: the JDK does not resend the POST on a closed connection, and so never waits twice.
      connection.setFixedLengthStreamingMode(0);
      connection.setRequestProperty("Content-Type", "application/x-protobuf");
      headers.forEach(connection::setRequestProperty);
      connection.getOutputStream().close();
      return answered(signal, url, connection.getResponseCode(), start);
    } catch (HttpRetryException e) {
      // An application's Authenticator met a 401 it cannot answer in streaming mode: the status is the answer.
      return answered(signal, url, e.responseCode(), start);
    } catch (SocketTimeoutException e) {
      return new Result(signal, url, Outcome.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException | RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof ConnectException) {
          return new Result(signal, url, Outcome.REFUSED, "connection refused");
        }
        if (c instanceof SSLException) {
          return new Result(signal, url, Outcome.TLS, c.getClass().getSimpleName() + ": " + c.getMessage());
        }
      }
      return new Result(signal, url, Outcome.OTHER, e.toString());
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static Result answered(Signal signal, String url, int status, long start) {
    String detail = "HTTP " + status + " in " + millis(start) + " ms";
    Outcome outcome = status >= 200 && status < 300 ? Outcome.READY : status == 404 ? Outcome.NOT_FOUND
        : status == 401 || status == 403 ? Outcome.UNAUTHORIZED : status == 415 ? Outcome.UNSUPPORTED
        : Outcome.OTHER;
    return new Result(signal, url, outcome, detail);
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
