package io.scanium.telemetry.internal.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The OpenTelemetry Java agent, when it is attached to this JVM.
 *
 * <p>The agent puts its bootstrap classes on the boot class path before {@code main} runs; the application cannot
 * ship them, so finding one there is proof of the agent, whatever the application's own class path holds. Its
 * version is the {@code Implementation-Version} of the agent jar, which the JVM also put on the system class path.
 *
 * @param version the agent's version, {@code unknown} when its jar does not say
 */
public record JavaAgent(String version) {

  static final String BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";
  static final String PREMAIN_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";

  /** The agent attached to this JVM, if any. Never throws. */
  public static Optional<JavaAgent> detect() {
    try {
      Class.forName(BOOTSTRAP_CLASS, false, null);
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return Optional.empty();
    }
    return Optional.of(new JavaAgent(jarVersion()));
  }

  private static String jarVersion() {
    try {
      Class<?> premain = Class.forName(PREMAIN_CLASS, false, ClassLoader.getSystemClassLoader());
      String v = premain.getPackage() == null ? null : premain.getPackage().getImplementationVersion();
      if (v != null) {
        return v;
      }
      CodeSource code = premain.getProtectionDomain().getCodeSource();
      if (code != null && code.getLocation() != null) {
        try (JarFile jar = new JarFile(Path.of(code.getLocation().toURI()).toFile())) {
          String fromManifest = jar.getManifest() == null ? null
              : jar.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
          if (fromManifest != null) {
            return fromManifest;
          }
        }
      }
    } catch (ClassNotFoundException | LinkageError | SecurityException | IOException | URISyntaxException
        | IllegalArgumentException e) {
      // The version only decorates the report; the agent is there either way.
    }
    return "unknown";
  }

  @Override
  public String toString() {
    return "OpenTelemetry Java agent " + version;
  }
}
