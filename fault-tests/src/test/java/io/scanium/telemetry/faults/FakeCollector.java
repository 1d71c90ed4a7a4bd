package io.scanium.telemetry.faults;

import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.FreePort;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The collector of the service under test: an {@link OtlpReceiver} on a fixed loopback port that can go down
 * (connections refused) and come back on the same port. Before each receiver is closed, what it received is
 * searched for the planted secret, so that no export escapes the check.
 */
final class FakeCollector implements AutoCloseable {

  private final int port = FreePort.pick();
  private final String secret;
  private final List<String> leaks = new ArrayList<>();
  private OtlpReceiver receiver;

  FakeCollector(String secret) {
    this.secret = secret;
    up();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The running receiver; the collector must be up. */
  OtlpReceiver receiver() {
    if (receiver == null) {
      throw new IllegalStateException("the collector on port " + port + " is down");
    }
    return receiver;
  }

  /** Stops listening: exports are refused until {@link #up()}. */
  void down() {
    if (receiver != null) {
      leaks.addAll(Secrets.findIn(receiver, secret));
      receiver.close();
      receiver = null;
    }
  }

  /** Listens again on the same port, answering normally. */
  void up() {
    if (receiver == null) {
      receiver = OtlpReceiver.start(new InetSocketAddress("127.0.0.1", port));
    }
  }

  /**
   * Searches what the receiver holds for the secret, then lets it forget, so that a long run keeps one scenario's
   * exports in memory rather than all of them.
   */
  void searchAndForget() {
    if (receiver != null) {
      leaks.addAll(Secrets.findIn(receiver, secret));
      receiver.reset();
    }
  }

  /** Where the secret was found in what any of this collector's receivers got, so far. */
  List<String> leaks() {
    List<String> all = new ArrayList<>(leaks);
    if (receiver != null) {
      all.addAll(Secrets.findIn(receiver, secret));
    }
    return all;
  }

  @Override
  public void close() {
    down();
  }
}
