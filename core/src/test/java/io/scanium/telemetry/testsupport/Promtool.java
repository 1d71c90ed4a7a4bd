package io.scanium.telemetry.testsupport;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} (Debian package {@code prometheus}) on an exposition. Found on PATH; when it is
 * missing the test is skipped on a laptop but fails under {@code CI=true}, so CI can never pass by not checking.
 */
public final class Promtool {

  private Promtool() {}

  /** The promtool binary, or the test is skipped (fails under CI=true). */
  public static Path require() {
    return requireOnPath("promtool");
  }

  /** A binary of the Debian package {@code prometheus} on PATH, or the test is skipped (fails under CI=true). */
  public static Path requireOnPath(String name) {
    Optional<Path> p = onPath(name);
    if (p.isEmpty()) {
      String msg = name + " not found on PATH (install the Debian package 'prometheus')";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg + "; CI=true, so this is a failure, not a skip");
      }
      assumeTrue(false, msg);
    }
    return p.get();
  }

  /** A binary on PATH. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The lint lines {@code promtool check metrics} prints for this exposition (empty when it finds nothing).
   * Lines about the abbreviated unit {@code _ms} are kept: callers decide what they accept.
   */
  public static List<String> checkMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = require();
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("promtool did not finish within 60 s");
    }
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }
}
