package io.scanium.telemetry.examples.proof;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An example service running as a child process, {@code java -jar <name>.jar}, configured only through its
 * environment, exactly as it would be in a container.
 */
final class ExampleService implements AutoCloseable {

  private final Process process;
  private final Path output;
  private final Thread killOnExit;

  private ExampleService(Process process, Path output) {
    this.process = process;
    this.output = output;
    // If the proof is interrupted (Ctrl-C), the service must not outlive it holding its ports.
    this.killOnExit = new Thread(process::destroyForcibly, "telemetry-proof-stop-service");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * Starts the jar with the given variables. Inherited {@code OTEL_*} and {@code SCANIUM_*} variables are removed
   * first: the service must run with what the proof says, not with the caller's own telemetry settings.
   */
  static ExampleService start(Path jar, Map<String, String> variables, Path output) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("SCANIUM_"));
    env.putAll(variables);
    pb.redirectErrorStream(true);
    pb.redirectOutput(output.toFile());
    return new ExampleService(pb.start(), output);
  }

  /** A port that was free a moment ago on 127.0.0.1. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * Polls {@code GET health} until it answers 200, the process exits, or the deadline passes.
   *
   * @return null when ready, else why not
   */
  String awaitReady(HttpClient client, URI health, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "the service exited with code " + process.exitValue() + " before it was ready";
      }
      try {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET()
            .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return null;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      // A polling interval, not a synchronisation: readiness is decided by the answer above.
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    return "not ready within " + timeout.toSeconds() + " s (last: " + last + ")";
  }

  /**
   * Polls until the port accepts TCP connections, without sending a request (so that no request is counted), the
   * process exits, or the deadline passes.
   *
   * @return null when the port is open, else why not
   */
  String awaitPort(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not tried";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "the service exited with code " + process.exitValue() + " before it listened on " + port;
      }
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1000);
        return null;
      } catch (IOException e) {
        last = e.toString();
      }
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    return "port " + port + " not open within " + timeout.toSeconds() + " s (last: " + last + ")";
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path outputFile() {
    return output;
  }

  /** The service's console output so far (startup report, its own log lines). */
  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  /** The last {@code lines} lines of the output. */
  String outputTail(int lines) {
    String[] all = output().split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
      sb.append("    | ").append(all[i]).append('\n');
    }
    return sb.toString();
  }

  /**
   * Stops the service as an orchestrator would (SIGTERM), so that its shutdown hook flushes what is queued, and
   * kills it if it has not exited within the deadline.
   *
   * @return the exit code, or null if it had to be killed
   */
  Integer stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
    return null;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already exiting; the hook kills the process anyway.
    }
  }
}
