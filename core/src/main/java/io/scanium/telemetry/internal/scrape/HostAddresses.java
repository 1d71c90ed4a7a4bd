package io.scanium.telemetry.internal.scrape;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses a scraper on another machine can use for a server bound to all interfaces, read from the network
 * interfaces (no name lookup, which could hang a start on a broken resolver).
 */
public final class HostAddresses {

  private static final int MAX = 4;

  private HostAddresses() {}

  /** Up to four addresses of interfaces that are up and not loopback, IPv4 first; empty when none can be read. */
  public static List<String> nonLoopback() {
    List<String> v4 = new ArrayList<>();
    List<String> v6 = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          if (a instanceof Inet6Address) {
            String host = a.getHostAddress();
            int scope = host.indexOf('%');
            v6.add("[" + (scope < 0 ? host : host.substring(0, scope)) + "]");
          } else {
            v4.add(a.getHostAddress());
          }
        }
      }
    } catch (SocketException | RuntimeException e) {
      return List.of();
    }
    v4.addAll(v6);
    return List.copyOf(v4.subList(0, Math.min(MAX, v4.size())));
  }
}
