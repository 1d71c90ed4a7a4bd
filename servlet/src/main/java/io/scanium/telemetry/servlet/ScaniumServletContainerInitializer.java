package io.scanium.telemetry.servlet;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.config.ConfigSource;
import io.scanium.telemetry.internal.config.ConfigValue;
import io.scanium.telemetry.Problem;
import io.scanium.telemetry.internal.config.Setting;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers the telemetry filter in every web application that has this jar on its classpath, found by the
 * container through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}: nothing to write but
 * the dependency and the {@code OTEL_*} variables.
 *
 * <p>It uses {@link ScaniumTelemetry#installed()} when the application installed telemetry before the container
 * started; otherwise it calls {@link ScaniumTelemetry#install()}, which reads the environment. A configuration that
 * would lose telemetry (no OTLP endpoint, say) fails the deployment with {@link TelemetryConfigurationException}
 * and its message listing every problem: the container reports the web application as failed to start. Telemetry
 * installed here is closed (spans and logs flushed) when the last web application using it is stopped. An
 * application that installs telemetry itself during startup (in a {@code ServletContextListener}, which runs after
 * this initializer) gets an {@code IllegalStateException} from {@code install()}: use
 * {@code ScaniumTelemetry.installed()} there, or turn auto-registration off.
 *
 * <p>Auto-registration is off when either says {@code false}:
 * <ul>
 *   <li>the context parameter {@value #AUTO_REGISTER_PARAMETER} in {@code web.xml}, for one application;</li>
 *   <li>the variable {@code SCANIUM_SERVLET_AUTO_REGISTER} (system property
 *       {@code scanium.servlet.auto.register}), for the whole process.</li>
 * </ul>
 * A value other than {@code true} or {@code false} fails the deployment rather than falling back to a default.
 *
 * <p>It does nothing when a filter of this library is registered already (by name {@value
 * ScaniumServletTelemetry#FILTER_NAME} or by class); a filter the application adds later by hand is harmless, as
 * the second filter passes already-observed requests through.
 *
 * <p>Containers run initializers for deployed web applications (WAR files, Tomcat's {@code addWebapp}); embedded
 * setups often do not (Spring Boot's embedded servers, Jetty's {@code ServletContextHandler}): register the filter
 * with {@link ScaniumServletTelemetry#register} there.
 */
public final class ScaniumServletContainerInitializer implements ServletContainerInitializer {

  /** The context parameter that turns auto-registration off for one web application: {@code false}. */
  public static final String AUTO_REGISTER_PARAMETER = "io.scanium.telemetry.servlet.auto-register";

  private static final Object LOCK = new Object();
  // Telemetry this initializer installed, and how many running web applications use it; guarded by LOCK.
  private static ScaniumTelemetry owned;
  private static int users;

  /** Called by the container's service loader. */
  public ScaniumServletContainerInitializer() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    if (!parse(AUTO_REGISTER_PARAMETER, context.getInitParameter(AUTO_REGISTER_PARAMETER),
        "context parameter of " + describe(context))) {
      context.log("Scanium telemetry: filter not registered (" + AUTO_REGISTER_PARAMETER + "=false)");
      return;
    }
    if (!autoRegister(System.getenv(), systemProperties())) {
      context.log("Scanium telemetry: filter not registered (" + Setting.SERVLET_AUTO_REGISTER.variable()
          + "=false)");
      return;
    }
    Optional<String> existing = registeredFilter(context);
    if (existing.isPresent()) {
      context.log("Scanium telemetry: the application registers the filter itself (" + existing.get()
          + "); not registering it again");
      return;
    }
    ScaniumTelemetry telemetry = acquire(context);
    if (ScaniumServletTelemetry.create(telemetry).register(context).isEmpty()) {
      context.log("Scanium telemetry: a filter named " + ScaniumServletTelemetry.FILTER_NAME
          + " exists already; not registering ours");
    }
  }

  /**
   * Whether {@code SCANIUM_SERVLET_AUTO_REGISTER} (or its system property, which wins, as for every setting)
   * allows auto-registration. Takes the maps so that tests never touch the real environment.
   *
   * @throws TelemetryConfigurationException when the value is neither {@code true} nor {@code false}
   */
  static boolean autoRegister(Map<String, String> environment, Map<String, String> systemProperties) {
    ConfigValue v = ConfigSource.of(environment, systemProperties, Map.of()).get(Setting.SERVLET_AUTO_REGISTER);
    return parse(v.name(), v.value(), v.origin());
  }

  /** true, false, or a deployment failure naming the setting: a typo must never silently keep the default. */
  static boolean parse(String name, String value, String source) {
    if (value == null || value.isBlank()) {
      return true;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw new TelemetryConfigurationException(List.of(new Problem(name, "\"" + value + "\" (" + source + ")",
        "not a boolean; it decides whether the Scanium telemetry filter is registered in the web application.",
        "use true (the default) or false.")));
  }

  private static Optional<String> registeredFilter(ServletContext context) {
    for (Map.Entry<String, ? extends FilterRegistration> e : context.getFilterRegistrations().entrySet()) {
      if (ScaniumServletTelemetry.FILTER_NAME.equals(e.getKey())
          || ObservingFilter.class.getName().equals(e.getValue().getClassName())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private static ScaniumTelemetry acquire(ServletContext context) {
    synchronized (LOCK) {
      ScaniumTelemetry telemetry = ScaniumTelemetry.installed().orElse(null);
      if (telemetry == null) {
        // Throws TelemetryConfigurationException on a bad configuration: deliberately not caught, so that the
        // container fails the deployment with the message instead of running without telemetry.
        telemetry = ScaniumTelemetry.install();
        owned = telemetry;
        users = 0;
      }
      if (telemetry == owned) {
        users++;
        context.addListener(new Release(telemetry));
      }
      return telemetry;
    }
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> properties = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      String value = System.getProperty(name);
      if (value != null) {
        properties.put(name, value);
      }
    }
    return properties;
  }

  private static String describe(ServletContext context) {
    String path = context.getContextPath();
    return "web application " + (path == null || path.isEmpty() ? "/" : path);
  }

  /** Closes telemetry this initializer installed once no web application uses it any more. */
  private static final class Release implements ServletContextListener {
    private final ScaniumTelemetry telemetry;

    Release(ScaniumTelemetry telemetry) {
      this.telemetry = telemetry;
    }

    // A default method from Servlet 4 on; a Servlet 3.1 container (Jetty 9.4) calls it.
    @Override
    public void contextInitialized(ServletContextEvent event) {}

    @Override
    public void contextDestroyed(ServletContextEvent event) {
      synchronized (LOCK) {
        if (owned != telemetry || --users > 0) {
          return;
        }
        owned = null;
      }
      telemetry.close();
    }
  }
}
