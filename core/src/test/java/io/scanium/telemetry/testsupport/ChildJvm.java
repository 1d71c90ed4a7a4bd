package io.scanium.telemetry.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An application's {@code main} in a child JVM of the running JDK, configured by its environment alone (this JVM's
 * variables are not inherited), its stdout and stderr collected line by line for the test to wait on.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    reader = new Thread(this::read, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} on {@code classpath} with exactly {@code environment} and {@code args}. */
  public static ChildJvm start(String classpath, String mainClass, Map<String, String> environment,
      String... args) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("-cp", classpath, mainClass));
    arguments.addAll(List.of(args));
    return startJava(arguments, environment);
  }

  /**
   * Starts the running JDK's {@code java} with exactly {@code arguments} and {@code environment}: JVM options first
   * (such as {@code -javaagent:<jar>}), then {@code -cp <path> <main>} or {@code -jar <jar>}, then the
   * application's arguments.
   */
  public static ChildJvm startJava(List<String> arguments, Map<String, String> environment) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(environment);
    return new ChildJvm(pb.start());
  }

  /**
   * Waits for the first line {@code parser} accepts (returns non-empty for) and returns what it made of it.
   *
   * @throws AssertionError with everything the child wrote, when no line matched before the deadline or the
   *     child exited first
   */
  public <T> T await(String what, Function<String, Optional<T>> parser, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean exited = !process.isAlive();
      if (exited) {
        // Its last lines may still be on their way through the pipe: read to the end before the last look.
        reader.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
      }
      Optional<T> found = find(parser);
      if (found.isPresent()) {
        return found.get();
      }
      if (exited) {
        break;
      }
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("no " + what + " from the child JVM (" + (process.isAlive() ? "running"
        : "exited with " + process.exitValue()) + "); it wrote:\n" + output());
  }

  private <T> Optional<T> find(Function<String, Optional<T>> parser) {
    synchronized (output) {
      for (String line : output) {
        Optional<T> parsed = parser.apply(line);
        if (parsed.isPresent()) {
          return parsed;
        }
      }
    }
    return Optional.empty();
  }

  /** Waits for the first line starting with {@code prefix}, and returns it. */
  public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    return await("line starting with '" + prefix + "'",
        line -> line.startsWith(prefix) ? Optional.of(line) : Optional.empty(), timeout);
  }

  /** Closes the child's stdin (applications that run until it closes then stop). */
  public void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits for the child to exit; whether it did within the timeout. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The child's exit status; it must have exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Everything the child wrote so far. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Stops the child (its shutdown hooks run), forcibly after 20 seconds. */
  @Override
  public void close() {
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

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("READ FAILED " + e);
    }
  }
}
