package io.scanium.telemetry.benchmarks;

import io.scanium.telemetry.receiver.OtlpReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP receiver of the {@code otlp} load runs, in a process of its own so that decoding the spans is not
 * counted as the server's CPU. It decodes every export like a collector would and forgets what it received every
 * second, so that memory stays flat however long the run. Argument: {@code PORT}.
 */
public final class OtlpSink {

  private OtlpSink() {}

  /** Serves until killed, printing the spans received in each second with any traffic. */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    try (OtlpReceiver receiver = OtlpReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      System.out.println("READY " + receiver.endpoint());
      long total = 0;
      while (true) {
        // A reporting period, not synchronisation: the receiver is polled and emptied once a second.
        TimeUnit.SECONDS.sleep(1);
        // Spans arriving between the count and the reset are not counted: the total is a lower bound.
        int spans = receiver.spans().size();
        receiver.reset();
        if (spans > 0) {
          total += spans;
          System.out.println("spans received: " + total);
        }
      }
    }
  }
}
