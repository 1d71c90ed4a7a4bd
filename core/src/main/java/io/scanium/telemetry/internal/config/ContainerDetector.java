package io.scanium.telemetry.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells whether this process looks containerised, and by what evidence. Used only to sharpen the warning about
 * a localhost OTLP endpoint: inside a container, localhost is the container itself.
 */
@FunctionalInterface
public interface ContainerDetector {

  /** The evidence that the process runs in a container, or empty. */
  Optional<String> evidence(ConfigSource source);

  /** Never containerised: for tests that must not depend on the machine they run on. */
  ContainerDetector NONE = source -> Optional.empty();

  /** Looks at the real machine below {@code root} ({@code /} in production). */
  static ContainerDetector filesystem(Path root) {
    return source -> {
      if (source.explicit("KUBERNETES_SERVICE_HOST").isPresent()) {
        return Optional.of("KUBERNETES_SERVICE_HOST is set");
      }
      if (Files.exists(root.resolve(".dockerenv"))) {
        return Optional.of("/.dockerenv exists");
      }
      Path cgroup = root.resolve("proc/1/cgroup");
      try {
        if (Files.isReadable(cgroup)) {
          String text = Files.readString(cgroup);
          for (String marker : new String[] {"docker", "kubepods", "containerd", "libpod"}) {
            if (text.contains(marker)) {
              return Optional.of("/proc/1/cgroup mentions " + marker);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // Unreadable cgroup information only means we cannot tell; the warning is a courtesy.
      }
      return Optional.empty();
    };
  }
}
