package io.scanium.telemetry.internal.logs;

import io.opentelemetry.api.OpenTelemetry;
import io.scanium.telemetry.internal.config.ConfigValue;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Setting;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.config.SignalPlan;
import io.scanium.telemetry.internal.config.Source;
import io.scanium.telemetry.internal.health.ClassPathVersions;
import io.scanium.telemetry.internal.health.DisabledSignals;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Connects the application's SLF4J logging backend to the SDK's LoggerProvider at install, and disconnects it at
 * close.
 *
 * <p>The SLF4J provider is recognised by the class of its logger factory, a name compared as a string: this class
 * never links against Logback or Log4j, so it loads with either, both or neither on the classpath. The backend's own
 * routing ({@code logback.LogbackRouting}, {@code log4j.Log4jRouting}) is loaded by name only once its backend is
 * known to be the provider.
 */
public final class LogRouting {

  static final String LOGBACK_ROUTING = "io.scanium.telemetry.internal.logs.logback.LogbackRouting";
  static final String LOG4J_ROUTING = "io.scanium.telemetry.internal.logs.log4j.Log4jRouting";
  static final String LOGBACK_APPENDER = "io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender";
  static final String LOG4J_APPENDER = "io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender";
  private static final String FIX = "put logback-classic, or log4j-slf4j2-impl with log4j-core, on the classpath as"
      + " the only SLF4J provider.";

  /** Which backend routing serves which SDK, so that close() disconnects only its own. */
  private static final Map<OpenTelemetry, BackendRouting> ACTIVE = new IdentityHashMap<>();

  private LogRouting() {}

  /** Routes SLF4J events to the SDK's LoggerProvider if a supported backend is present, and says what it did. */
  public static LogRoutingStatus install(OpenTelemetry sdk, ResolvedConfig config) {
    return install(sdk, config, false);
  }

  /**
   * As {@link #install(OpenTelemetry, ResolvedConfig)}; {@code processorsInCode} says that log record processors
   * were added in code (such as the in-memory capture of scanium-telemetry-testing), which receive the events even
   * when no exporter is configured ({@code OTEL_LOGS_EXPORTER=none}).
   */
  public static LogRoutingStatus install(OpenTelemetry sdk, ResolvedConfig config, boolean processorsInCode) {
    return install(sdk, config, processorsInCode, new DisabledSignals());
  }

  /**
   * As {@link #install(OpenTelemetry, ResolvedConfig, boolean)}; an {@link Error} thrown later by an appender
   * inside a logging call switches log export off in {@code signals} (see {@link LogGuard}).
   */
  public static LogRoutingStatus install(OpenTelemetry sdk, ResolvedConfig config, boolean processorsInCode,
      DisabledSignals signals) {
    LogGuard.bind(signals);
    Provider provider;
    try {
      provider = Provider.detect();
    } catch (LinkageError e) {
      // slf4j-api is an optional dependency of core: a service without SLF4J has no SLF4J logs to route.
      return new LogRoutingStatus("none", false, "logs are NOT exported: SLF4J (slf4j-api) is not on the classpath ("
          + e + "). To export logs, " + FIX);
    }
    if (provider.routing == null) {
      return new LogRoutingStatus(provider.backend, false, provider.why);
    }
    String notExported = notExported(config, processorsInCode);
    if (notExported != null) {
      return new LogRoutingStatus(provider.backend, false, notExported);
    }
    if (config.agent().map(a -> a.exportsLogsOf(provider.backend)).orElse(false)) {
      // A second appender would export every event twice.
      ConfigValue levelValue = config.setting(Setting.LOGS_LEVEL);
      String level = levelValue.source() == Source.DEFAULT ? ""
          : " (" + levelValue.describe() + " does not apply to it)";
      return new LogRoutingStatus(provider.backend, true, "exported by the OpenTelemetry Java agent's "
          + provider.backend + " instrumentation" + level + "; Scanium attaches no appender of its own, so each"
          + " event is exported once.");
    }
    if (!present(provider.appender)) {
      return new LogRoutingStatus(provider.backend, false, "logs are NOT exported: " + provider.backend + " is the"
          + " SLF4J provider, but OpenTelemetry's appender for it (" + provider.appender + ") is not on the classpath;"
          + " it comes with scanium-telemetry-core: was it excluded?");
    }
    BackendRouting routing;
    try {
      routing = (BackendRouting) Class.forName(provider.routing, true, LogRouting.class.getClassLoader())
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new LogRoutingStatus(provider.backend, false, "logs are NOT exported: the " + provider.backend
          + " routing could not be loaded (" + e + "); is the backend's version supported (Logback 1.2+,"
          + " Log4j 2.17+)?");
    }
    LogRoutingStatus status;
    try {
      status = routing.install(sdk, config);
    } catch (RuntimeException | LinkageError e) {
      // An appender of another version than the one this library was built with, missing a setter: the
      // application starts regardless, and the report says why nothing is exported.
      return new LogRoutingStatus(provider.backend, false, "logs are NOT exported: attaching OpenTelemetry's "
          + provider.backend + " appender failed with " + e + "; is a different version of it on the classpath"
          + " than scanium-telemetry-core depends on?");
    }
    if (LogGuard.off()) {
      return new LogRoutingStatus(status.backend(), false, "logs are NOT exported: log export was switched off"
          + " after OpenTelemetry's appender failed (see the \"logs disabled\" line above).");
    }
    if (status.exported()) {
      synchronized (ACTIVE) {
        ACTIVE.put(sdk, routing);
      }
    }
    return status;
  }

  /** Undoes {@link #install} for this SDK; safe to call when nothing was installed. */
  public static void uninstall(OpenTelemetry sdk) {
    BackendRouting routing;
    synchronized (ACTIVE) {
      routing = ACTIVE.remove(sdk);
    }
    if (routing != null) {
      routing.uninstall(sdk);
    }
  }

  /** Why nothing would leave the process even with a backend, or null when logs are exported. */
  private static String notExported(ResolvedConfig config, boolean processorsInCode) {
    if (config.sdkDisabled()) {
      return "logs are NOT exported: OTEL_SDK_DISABLED=true.";
    }
    SignalPlan logs = config.signals().get(Signal.LOGS);
    if (logs != null && !logs.exported() && !processorsInCode) {
      return "logs are NOT exported: " + logs.exportersValue().describe() + ".";
    }
    if ("OFF".equals(config.logsLevel())) {
      return "logs are NOT exported: " + config.setting(Setting.LOGS_LEVEL).describe() + ".";
    }
    return null;
  }

  /**
   * The report's sentence on which events an attached appender exports, shared by the Logback and Log4j2 routings
   * so that both say it the same way.
   */
  public static String levelSentence(String level, ResolvedConfig config) {
    return "events at " + level + " and above (" + config.setting(Setting.LOGS_LEVEL).describe()
        + ") are exported; not those of " + ExportGate.INTERNAL_LOGGERS;
  }

  /** Whether a class is on the library's class path, without initialising it. */
  public static boolean present(String className) {
    try {
      Class.forName(className, false, LogRouting.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The SLF4J provider found, in the words of the startup report. */
  static final class Provider {
    final String backend;
    final String routing;
    final String appender;
    final String why;

    private Provider(String backend, String routing, String appender, String why) {
      this.backend = backend;
      this.routing = routing;
      this.appender = appender;
      this.why = why;
    }

    static Provider detect() {
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      String type = factory == null ? "null" : factory.getClass().getName();
      switch (type) {
        case "ch.qos.logback.classic.LoggerContext":
          return new Provider("logback", LOGBACK_ROUTING, LOGBACK_APPENDER, null);
        case "org.apache.logging.slf4j.Log4jLoggerFactory":
          return new Provider("log4j2", LOG4J_ROUTING, LOG4J_APPENDER, null);
        case "org.slf4j.simple.SimpleLoggerFactory":
          return unsupported("slf4j-simple", type, "it prints to stderr and has no appenders to attach to");
        case "org.slf4j.jul.JDK14LoggerFactory":
          return unsupported("slf4j-jdk14", type, "it hands events to java.util.logging, which OpenTelemetry's"
              + " library appenders do not cover");
        case "org.slf4j.reload4j.Reload4jLoggerFactory":
          return unsupported("reload4j", type, "OpenTelemetry has no library appender for log4j 1.x/reload4j");
        case "org.slf4j.helpers.NOPLoggerFactory":
          String mismatch = backendOfAnotherSlf4j();
          if (mismatch != null) {
            return new Provider("none", null, null, "logs are NOT exported, and the application's own logging is"
                + " discarded too: " + mismatch);
          }
          boolean nop = present("org.slf4j.nop.NOPServiceProvider") || present("org.slf4j.impl.NOPLoggerFactory");
          return new Provider("none", null, null, "logs are NOT exported: "
              + (nop ? "the SLF4J provider is slf4j-nop (" + type + "), which discards every event"
                  : "no SLF4J provider is on the classpath, so SLF4J discards every event (" + type + ")")
              + ". To export logs, " + FIX);
        case "org.slf4j.helpers.SubstituteLoggerFactory":
          return new Provider("unknown", null, null, "logs are NOT exported: SLF4J was still initialising when"
              + " telemetry was installed (" + type + "); install telemetry after the first LoggerFactory.getLogger"
              + " call returns, e.g. first thing in main().");
        default:
          return unsupported(type, type, "it is not one of the backends OpenTelemetry has appenders for");
      }
    }

    /**
     * A backend that is present but serves the other SLF4J generation (SLF4J 2 finds providers through
     * ServiceLoader, SLF4J 1.7 through {@code org.slf4j.impl.StaticLoggerBinder}), in words for the report; null
     * when there is none. Both generations fall back to discarding every event, which nothing else would say.
     */
    static String backendOfAnotherSlf4j() {
      String slf4j = version("org.slf4j.LoggerFactory");
      boolean slf4j2 = present("org.slf4j.spi.SLF4JServiceProvider");
      boolean logback = present("ch.qos.logback.classic.LoggerContext");
      boolean logback13 = present("ch.qos.logback.classic.spi.LogbackServiceProvider");
      if (logback && slf4j2 && !logback13) {
        return "slf4j-api " + slf4j + " (SLF4J 2) is on the classpath with logback-classic "
            + version("ch.qos.logback.classic.LoggerContext") + ", which serves SLF4J 1.7 only, so SLF4J uses no"
            + " provider. Use the slf4j-api your Logback was built for (1.7.x with Logback 1.2), or a backend for"
            + " SLF4J 2: logback-classic 1.3 or later, or log4j-slf4j2-impl with log4j-core.";
      }
      if (logback && !slf4j2 && logback13) {
        return "slf4j-api " + slf4j + " (SLF4J 1.7) is on the classpath with logback-classic "
            + version("ch.qos.logback.classic.LoggerContext") + ", which serves SLF4J 2 only, so SLF4J uses no"
            + " provider. Use slf4j-api 2.0.x with Logback 1.3 and later.";
      }
      return null;
    }

    private static String version(String className) {
      try {
        String v = ClassPathVersions.versionOf(Class.forName(className, false, LogRouting.class.getClassLoader()));
        return v == null ? "(version unknown)" : v;
      } catch (ClassNotFoundException | LinkageError e) {
        return "(absent)";
      }
    }

    private static Provider unsupported(String name, String type, String reason) {
      return new Provider(name, null, null, "logs are NOT exported: the SLF4J provider is " + name + " (" + type
          + "), and " + reason + ". To export logs, " + FIX);
    }
  }
}
