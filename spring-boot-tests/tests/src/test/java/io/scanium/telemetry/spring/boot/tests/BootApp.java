package io.scanium.telemetry.spring.boot.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * One repackaged Spring Boot test application running in a child JVM ({@code java -jar}), configured by
 * environment variables only, as a deployment runs it. Its stdout and stderr are kept for assertions.
 */
final class BootApp implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String READY = "SCANIUM-APP READY port=";

  private final String name;
  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private BootApp(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::readOutput, "boot-app-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** The repackaged jar of the application module {@code name} (e.g. {@code boot3-mvc-tomcat}). */
  static Path jar(String name) {
    Path dir = Path.of(System.getProperty("scanium.boot.apps", "..")).resolve(name).resolve("target");
    Path jar = dir.resolve("scanium-telemetry-spring-boot-test-" + name + ".jar");
    assertThat(Files.isRegularFile(jar)).as("application jar %s (built by the reactor before these tests)", jar)
        .isTrue();
    return jar;
  }

  /** Starts the application with exactly these variables added to a minimal environment; does not wait. */
  static BootApp launch(String name, Map<String, String> environment) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar",
        jar(name).toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("SCANIUM_")
        || k.startsWith("SPRING_") || k.startsWith("SERVER_") || k.startsWith("MANAGEMENT_"));
    pb.environment().put("SERVER_ADDRESS", "127.0.0.1");
    pb.environment().put("SERVER_PORT", "0");
    pb.environment().putAll(environment);
    pb.redirectErrorStream(true);
    return new BootApp(name, pb.start());
  }

  /** Starts the application and waits until it serves. */
  static BootApp start(String name, Map<String, String> environment) throws Exception {
    BootApp app = launch(name, environment);
    try {
      app.awaitReady();
    } catch (AssertionError | RuntimeException e) {
      app.close();
      throw e;
    }
    return app;
  }

  private void readOutput() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (output) {
          output.add(line);
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      synchronized (output) {
        output.add("[test] output closed: " + e);
        output.notifyAll();
      }
    }
  }

  /** Waits for the ready line; fails with the application's output when it exits or times out first. */
  int awaitReady() throws InterruptedException {
    String line = awaitLine(READY, START_TIMEOUT);
    assertThat(line).as("%s did not start; its output:\n%s", name, output()).isNotNull();
    return Integer.parseInt(line.substring(line.indexOf(READY) + READY.length()).trim());
  }

  /** The first line containing {@code text}, waiting for it; null when the process ended or time ran out. */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      int seen = 0;
      while (true) {
        for (; seen < output.size(); seen++) {
          if (output.get(seen).contains(text)) {
            return output.get(seen);
          }
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || (!process.isAlive() && seen == output.size() && outputClosed())) {
          return null;
        }
        output.wait(Math.min(left, 100));
      }
    }
  }

  private boolean outputClosed() {
    // The reader adds every line before the stream ends; once the process is gone give it a moment's poll.
    try {
      return process.getInputStream().available() == 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Waits for the process to exit (a failed start) and returns its exit code. */
  int awaitExit() throws InterruptedException {
    assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("%s should have exited; its output:\n%s", name, output()).isTrue();
    return process.exitValue();
  }

  URI base() throws InterruptedException {
    return URI.create("http://127.0.0.1:" + awaitReady());
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(base().resolve(path), Map.of());
  }

  String name() {
    return name;
  }

  /** Stops the application as a deployment does (SIGTERM: Spring closes the context, telemetry flushes). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
