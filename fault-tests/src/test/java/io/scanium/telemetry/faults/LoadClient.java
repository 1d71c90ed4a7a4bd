package io.scanium.telemetry.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A small HTTP/1.1 load client on raw sockets, one keep-alive connection per thread: raw, so that it can send what
 * no well-behaved client would (invalid UTF-8, made-up methods, oversized headers), and measure each request's
 * latency without a client library's queueing in between.
 */
final class LoadClient {

  private static final int READ_TIMEOUT_MS = 30_000;

  /** What a load run saw: every latency, the errors (at most a few kept verbatim) and the wall time. */
  record Result(long[] latenciesNanos, int errors, List<String> someErrors, long wallNanos) {

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    double requestsPerSecond() {
      return latenciesNanos.length / (wallNanos / 1e9);
    }

    static Result merge(Result a, Result b) {
      long[] all = Arrays.copyOf(a.latenciesNanos, a.latenciesNanos.length + b.latenciesNanos.length);
      System.arraycopy(b.latenciesNanos, 0, all, a.latenciesNanos.length, b.latenciesNanos.length);
      List<String> some = new ArrayList<>(a.someErrors);
      some.addAll(b.someErrors);
      return new Result(all, a.errors + b.errors, some, a.wallNanos + b.wallNanos);
    }
  }

  /** Which statuses count as served; anything else, and any I/O failure, is an error. */
  interface Acceptable {
    boolean test(int status);
  }

  private LoadClient() {}

  /**
   * Sends {@code requests} requests, {@code request.apply(i)} for i in [from, from + requests), over
   * {@code threads} connections to 127.0.0.1:port.
   */
  static Result run(int port, int threads, int from, int requests, IntFunction<byte[]> request,
      Acceptable acceptable) throws InterruptedException {
    return run(port, threads, from, requests, Duration.ZERO, request, acceptable);
  }

  /**
   * Like {@link #run(int, int, int, int, IntFunction, Acceptable)}, but goes on sending (i beyond
   * {@code from + requests}) until at least {@code atLeast} has passed.
   */
  static Result run(int port, int threads, int from, int requests, Duration atLeast, IntFunction<byte[]> request,
      Acceptable acceptable) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger(from);
    int end = from + requests;
    List<long[]> perThread = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    List<String> someErrors = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long minEnd = start + atLeast.toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        Connection connection = null;
        long[] latencies = new long[1024];
        int n = 0;
        for (int i = next.getAndIncrement(); i < end || System.nanoTime() < minEnd; i = next.getAndIncrement()) {
          long sent = System.nanoTime();
          String error;
          try {
            if (connection == null) {
              connection = new Connection(port);
            }
            int status = connection.exchange(request.apply(i));
            error = acceptable.test(status) ? null : "HTTP " + status;
            if (connection.mustClose) {
              connection.close();
              connection = null;
            }
          } catch (IOException e) {
            error = e.toString();
            if (connection != null) {
              connection.close();
              connection = null;
            }
          }
          if (n == latencies.length) {
            latencies = Arrays.copyOf(latencies, n * 2);
          }
          latencies[n++] = System.nanoTime() - sent;
          if (error != null) {
            errors.incrementAndGet();
            if (someErrors.size() < 5) {
              someErrors.add("request " + i + ": " + error);
            }
          }
        }
        if (connection != null) {
          connection.close();
        }
        perThread.add(Arrays.copyOf(latencies, n));
        return null;
      }));
    }
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a load thread failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long wall = System.nanoTime() - start;
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).toArray();
    return new Result(all, errors.get(), List.copyOf(someErrors), wall);
  }

  /** The bytes of a GET with the given target and extra header lines (each without its CRLF). */
  static byte[] get(String target, String... headers) {
    return request("GET", target.getBytes(StandardCharsets.ISO_8859_1), headers);
  }

  /** The bytes of a request; the target is raw bytes, so that it can carry what is not valid UTF-8. */
  static byte[] request(String method, byte[] target, String... headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(target);
    StringBuilder rest = new StringBuilder(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String header : headers) {
      rest.append(header).append("\r\n");
    }
    rest.append("Content-Length: 0\r\n\r\n");
    out.writeBytes(rest.toString().getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  /** One keep-alive connection. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    boolean mustClose;

    Connection(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** Sends one request and reads its whole answer; returns the status. */
    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: '" + statusLine + "'");
      }
      int status = Integer.parseInt(parts[1]);
      long length = -1;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          mustClose = true;
        }
      }
      if (length < 0) {
        // No length: the body runs to the end of the connection.
        in.transferTo(OutputStream.nullOutputStream());
        mustClose = true;
      } else {
        in.skipNBytes(length);
      }
      return status;
    }

    private String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b == -1) {
          throw new IOException("connection closed by the server"
              + (line.size() == 0 ? "" : " after '" + line.toString(StandardCharsets.ISO_8859_1) + "'"));
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing is all that was wanted.
      }
    }
  }
}
