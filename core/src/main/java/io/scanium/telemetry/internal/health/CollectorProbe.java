package io.scanium.telemetry.internal.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a collector refuses connections, asked with one TCP connect. At shutdown a refusing collector cannot take
 * what is queued, however long the exporter retries: knowing it at once lets close() stop early instead of waiting
 * out the deadline, which stays for a collector that is slow or hung (it accepts the connection).
 */
public final class CollectorProbe {

  private CollectorProbe() {}

  /** The first of {@code urls} whose host refuses connections within {@code timeout}, if any. Never throws. */
  public static Optional<String> firstRefusing(Collection<String> urls, Duration timeout) {
    Set<String> seen = new LinkedHashSet<>();
    for (String url : urls) {
      try {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (uri.getHost() != null && seen.add(uri.getHost() + ":" + port) && refuses(uri.getHost(), port, timeout)) {
          return Optional.of(url);
        }
      } catch (RuntimeException e) {
        // Not a URL this probe understands: nothing is known, so the full deadline applies.
      }
    }
    return Optional.empty();
  }

  private static boolean refuses(String host, int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException | RuntimeException e) {
      // A timeout or an unresolvable name is not a refusal: the collector may still be slow rather than absent.
      return false;
    }
  }
}
