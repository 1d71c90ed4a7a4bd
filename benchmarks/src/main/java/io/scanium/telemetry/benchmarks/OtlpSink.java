package io.scanium.telemetry.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The OTLP receiver of the {@code otlp} load runs, in a process of its own so that its work is not counted as the
 * server's CPU. Arguments: {@code PORT [decode|discard]}.
 *
 * <ul>
 *   <li>{@code decode} (the default): an {@link OtlpReceiver} decodes every export like a collector would, and
 *       forgets what it received every second, so that memory stays flat however long the run;
 *   <li>{@code discard}: reads each request's body, answers 200 with an empty {@code ExportTraceServiceResponse}
 *       (zero bytes of protobuf) and decodes nothing. On a two-core machine the decoding would take its CPU from the
 *       server being measured; in production the collector runs elsewhere. The server then reports how many spans
 *       it exported.
 * </ul>
 */
public final class OtlpSink {

  private OtlpSink() {}

  /** Serves until killed, printing what it received in each second with any traffic. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[0]);
    String mode = args.length > 1 ? args[1] : "decode";
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    if (mode.equals("discard")) {
      discard(address);
    } else if (mode.equals("decode")) {
      decode(address);
    } else {
      System.err.println("usage: OtlpSink PORT [decode|discard]");
      System.exit(2);
    }
  }

  private static void decode(InetSocketAddress address) throws InterruptedException {
    try (OtlpReceiver receiver = OtlpReceiver.start(address)) {
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

  private static void discard(InetSocketAddress address) throws IOException, InterruptedException {
    LongAdder requests = new LongAdder();
    LongAdder bytes = new LongAdder();
    HttpServer server = HttpServer.create(address, 64);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.createContext("/", exchange -> {
      try (exchange; InputStream body = exchange.getRequestBody()) {
        byte[] buffer = new byte[16384];
        for (int n; (n = body.read(buffer)) >= 0; ) {
          bytes.add(n);
        }
        requests.increment();
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
      }
    });
    server.start();
    System.out.println("READY http://127.0.0.1:" + server.getAddress().getPort());
    long last = 0;
    while (true) {
      // A reporting period, not synchronisation.
      TimeUnit.SECONDS.sleep(1);
      long n = requests.sum();
      if (n != last) {
        last = n;
        System.out.println("export requests received: " + n + ", bytes: " + bytes.sum());
      }
    }
  }
}
