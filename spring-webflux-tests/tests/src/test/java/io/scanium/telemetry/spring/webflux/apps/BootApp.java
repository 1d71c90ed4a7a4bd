package io.scanium.telemetry.spring.webflux.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A repackaged Spring Boot jar running in a child JVM whose only configuration is its environment variables. */
final class BootApp implements AutoCloseable {

  private final Process process;
  private final List<String> output = new ArrayList<>();

  private BootApp(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "boot-app-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java -jar jar} with exactly {@code environment}: nothing of this JVM's environment leaks in. */
  static BootApp start(Path jar, Map<String, String> environment) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no application jar at " + jar + ": build it through the reactor");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
        .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment);
    return new BootApp(pb.start());
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
      }
    } catch (IOException e) {
      synchronized (output) {
        output.add("READ FAILED " + e);
      }
    }
  }

  /** The first output line containing {@code text}, waiting for it; fails with everything the child wrote. */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> line;
      synchronized (output) {
        line = output.stream().filter(l -> l.contains(text)).findFirst();
      }
      if (line.isPresent()) {
        return line.get();
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line containing '" + text + "' from the application; it wrote:\n" + output());
  }

  /** Everything the child wrote so far. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Waits for the child to exit by itself; its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the application did not exit within " + timeout + "; it wrote:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
