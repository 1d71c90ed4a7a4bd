package io.scanium.telemetry.vertx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Vert.x version on the class path, and the check that refuses, when the adapter is installed, a Vert.x this
 * artifact was not compiled for: Vert.x 4 and 5 differ in internal classes the adapter needs on every request, so the
 * wrong pairing would otherwise start cleanly and then fail every request with a {@code NoClassDefFoundError}.
 *
 * <p>Only JDK types here: this class must load and answer whatever Vert.x is (or is not) on the class path. The
 * version is read from {@code META-INF/vertx/vertx-version.txt}, which vertx-core ships in 4.x and 5.x (and which
 * survives shading), else from vertx-core's manifest; if neither says, from which internal context class exists.
 */
final class VertxVersion {

  static final String VERTX4_ARTIFACT = "scanium-telemetry-vertx4";
  static final String VERTX5_ARTIFACT = "scanium-telemetry-vertx";

  /** The class of this adapter's Vert.x that moved between 4 and 5: its presence decides when no version is found. */
  private static final String CONTEXT_INTERNAL = "io.vertx.core.internal.ContextInternal";
  /** The per-context slots the adapter keeps the request in: Vert.x 4.5 and later. */
  private static final String CONTEXT_LOCAL = "io.vertx.core.spi.context.storage.ContextLocal";

  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static volatile Found found;

  private VertxVersion() {}

  /** What is on the class path: {@code version} is null when there is no Vert.x at all. */
  static final class Found {
    final String version;
    final boolean supported;

    Found(String version, boolean supported) {
      this.version = version;
      this.supported = supported;
    }
  }

  static Found found() {
    Found f = found;
    if (f == null) {
      f = detect(VertxVersion.class.getClassLoader());
      found = f;
    }
    return f;
  }

  /**
   * Throws, with the version found and the artifact to use, unless this artifact supports the Vert.x on the class
   * path. Called by every entry point of the adapter, so that a wrong pairing fails at install, never per request.
   */
  static void require() {
    Found f = found();
    if (!f.supported) {
      throw new IllegalStateException(refusal(f.version));
    }
  }

  /** Whether the adapter may touch Vert.x internals; never throws (called from service providers). */
  static boolean usable() {
    try {
      return found().supported;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Says once on stderr that the adapter's service files were loaded by a Vert.x it does not support: the adapter
   * then registers nothing with Vert.x and OpenTelemetry keeps its thread-local context storage.
   */
  static void warnUnusable(String what) {
    String reason;
    try {
      Found f = found();
      if (f.version == null) {
        // The adapter's jar without any Vert.x: nothing was going to be instrumented, nothing to say.
        return;
      }
      reason = refusal(f.version);
    } catch (RuntimeException | LinkageError e) {
      reason = "Vert.x version unreadable (" + e + ")";
    }
    if (WARNED.compareAndSet(false, true)) {
      System.err.println("[scanium-telemetry] WARN vertx: " + reason + ". " + what + " is disabled; requests are not"
          + " instrumented by " + SupportedVertx.ARTIFACT + ".");
    }
  }

  static String refusal(String version) {
    if (version == null) {
      return "no Vert.x found on the class path: " + SupportedVertx.ARTIFACT + " needs Vert.x "
          + SupportedVertx.VERSIONS + " (io.vertx:vertx-web)";
    }
    int major = major(version);
    String use;
    if (major == 4 && minor(version) >= 5) {
      use = "use " + VERTX4_ARTIFACT;
    } else if (major >= 5) {
      use = "use " + VERTX5_ARTIFACT;
    } else if (major < 0) {
      use = "use " + VERTX4_ARTIFACT + " for Vert.x 4.5, " + VERTX5_ARTIFACT + " for Vert.x 5";
    } else {
      use = "not supported, upgrade to Vert.x 4.5 (" + VERTX4_ARTIFACT + ") or 5 (" + VERTX5_ARTIFACT + ")";
    }
    return "Vert.x " + version + " found: " + use + " (" + SupportedVertx.ARTIFACT + " supports Vert.x "
        + SupportedVertx.VERSIONS + " only)";
  }

  static Found detect(ClassLoader loader) {
    Class<?> vertx;
    try {
      vertx = Class.forName("io.vertx.core.Vertx", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return new Found(null, false);
    }
    String version = versionText(vertx);
    if (version == null) {
      version = vertx.getPackage() == null ? null : vertx.getPackage().getImplementationVersion();
    }
    boolean structural = present(CONTEXT_INTERNAL, vertx.getClassLoader())
        && present(CONTEXT_LOCAL, vertx.getClassLoader());
    if (version == null || major(version) < 0) {
      return new Found(version == null ? "(version unknown)" : version, structural);
    }
    return new Found(version, major(version) == SupportedVertx.MAJOR && structural);
  }

  private static String versionText(Class<?> vertx) {
    ClassLoader loader = vertx.getClassLoader();
    if (loader == null) {
      return null;
    }
    try (InputStream in = loader.getResourceAsStream("META-INF/vertx/vertx-version.txt")) {
      if (in == null) {
        return null;
      }
      String text = new String(in.readNBytes(256), StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? null : text;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The major version ({@code 4} of {@code 4.5.27}), or -1 if the text does not start with one. */
  static int major(String version) {
    return number(version, 0);
  }

  /** The minor version ({@code 5} of {@code 4.5.27}), or -1. */
  static int minor(String version) {
    int dot = version.indexOf('.');
    return dot < 0 ? -1 : number(version, dot + 1);
  }

  private static int number(String text, int start) {
    int end = start;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    if (end == start || end - start > 4) {
      return -1;
    }
    return Integer.parseInt(text.substring(start, end));
  }
}
