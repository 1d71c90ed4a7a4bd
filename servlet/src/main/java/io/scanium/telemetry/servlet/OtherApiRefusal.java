package io.scanium.telemetry.servlet;

import io.scanium.telemetry.internal.Diagnostics;
import java.util.Set;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;

/**
 * Run by containers of the other servlet API (listed in
 * {@code META-INF/services/javax.servlet.ServletContainerInitializer}), which would otherwise ignore this jar
 * without a word: says, once per web application, on stderr and in the
 * container's log, that this application runs without telemetry and which artifact to use instead.
 *
 * <p>It refuses loudly but does not fail the deployment: the application did nothing but carry a jar, and a
 * deployment failure would fail every one of its requests. It stays quiet where telemetry does flow: when the
 * container serves the application through this jar's API as well (its {@code ServletContext} implements both),
 * or when the right artifact is on the class path too. It never throws.
 */
public final class OtherApiRefusal implements ServletContainerInitializer {

  /** Called by the container's service loader. */
  public OtherApiRefusal() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    try {
      if (implementsOwnApi(context.getClass()) || rightArtifactPresent(context)) {
        return;
      }
      String message = message(context.getServerInfo());
      Diagnostics.print("[scanium-telemetry] WARN " + message);
      context.log(message);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.print("[scanium-telemetry] WARN " + message("a " + ServletApi.OTHER_API + " container"));
    }
  }

  /** The refusal: what was found, the artifact to use, and what it means for the application. */
  static String message(String serverInfo) {
    return serverInfo + " (" + ServletApi.OTHER_API + ") found: use " + ServletApi.OTHER_ARTIFACT + ". "
        + ServletApi.ARTIFACT + " is for " + ServletApi.API + "; this web application runs WITHOUT Scanium "
        + "telemetry (no scanium_http_* series, no server spans).";
  }

  /** Whether the container's context also implements this jar's API: then it runs this jar's real initializer. */
  private static boolean implementsOwnApi(Class<?> type) {
    String own = "jakarta.servlet.ServletContext";
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(own) || implementsOwnApi(i)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean rightArtifactPresent(ServletContext context) {
    ClassLoader loader = context.getClassLoader();
    try {
      Class.forName(ServletApi.OTHER_INITIALIZER, false,
          loader != null ? loader : OtherApiRefusal.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
