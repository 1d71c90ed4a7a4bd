package io.scanium.telemetry.internal.logs.log4j;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.logs.BackendRouting;
import io.scanium.telemetry.internal.logs.ExportGate;
import io.scanium.telemetry.internal.logs.LogRouting;
import io.scanium.telemetry.internal.logs.LogRoutingStatus;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Log routing for Log4j2 (through log4j-slf4j2-impl): OpenTelemetry's Log4j appender on the root logger config (and on
 * every logger config that does not pass its events on to the root), bound to our SDK.
 *
 * <p>Console correlation needs nothing here: OpenTelemetry's {@code ContextDataProvider}
 * (opentelemetry-log4j-context-data-2.17-autoconfigure, a dependency of core) is found by Log4j through ServiceLoader
 * and adds trace_id, span_id and trace_flags to every event's context data while a span is current.
 *
 * <p>A reconfiguration (a {@code monitorInterval} reload, {@code Configurator.reconfigure}) replaces the
 * configuration and stops its appenders; a listener on the logger context attaches a new appender, bound to the same
 * SDK, to the new configuration.
 */
public final class Log4jRouting implements BackendRouting {

  static final String APPENDER_NAME = "scanium-otlp";

  private static final Object LOCK = new Object();

  // Everything below is guarded by LOCK.
  private static LoggerContext context;
  private static ConfigListener listener;
  private static OpenTelemetry bound;
  private static String boundLevel = "INFO";
  private static final Map<OpenTelemetryAppender, Log4jExportFilter> declared = new IdentityHashMap<>();

  /** Instantiated by {@code LogRouting} once Log4j2 is known to be the SLF4J provider. */
  public Log4jRouting() {}

  @Override
  public LogRoutingStatus install(OpenTelemetry sdk, ResolvedConfig config) {
    org.apache.logging.log4j.spi.LoggerContext spi = LogManager.getContext(false);
    if (!(spi instanceof LoggerContext)) {
      return new LogRoutingStatus("log4j2", false, "logs are NOT exported: log4j-slf4j2-impl is the SLF4J provider,"
          + " but the Log4j API is served by " + spi.getClass().getName() + ", not by log4j-core. Put log4j-core on"
          + " the classpath (and remove log4j-to-slf4j if present).");
    }
    LoggerContext ctx = (LoggerContext) spi;
    String level = config.logsLevel();
    synchronized (LOCK) {
      boolean tookOver = bound != null && bound != sdk;
      if (context != ctx) {
        if (context != null && listener != null) {
          context.removePropertyChangeListener(listener);
        }
        context = ctx;
        listener = null;
        declared.clear();
      }
      bound = sdk;
      boundLevel = level;
      String how = apply(ctx.getConfiguration());
      if (listener == null) {
        listener = new ConfigListener();
        ctx.addPropertyChangeListener(listener);
      }
      String levelWords = LogRouting.levelSentence(level, config);
      String correlation = LogRouting.present("io.opentelemetry.instrumentation.log4j.contextdata.v2_17"
          + ".OpenTelemetryContextDataProvider")
          ? " console: trace_id, span_id and trace_flags are in the context data while a span is current"
              + " (%X{trace_id})."
          : " console trace ids: off (opentelemetry-log4j-context-data-2.17-autoconfigure is not on the classpath).";
      return new LogRoutingStatus("log4j2" + version(), true, how + "; " + levelWords + ";" + correlation
          + (tookOver ? " It was bound to another ScaniumTelemetry instance before, which no longer gets the logs."
              : ""));
    }
  }

  @Override
  public void uninstall(OpenTelemetry sdk) {
    synchronized (LOCK) {
      if (bound != sdk) {
        return;
      }
      bound = null;
      if (context != null) {
        if (listener != null) {
          context.removePropertyChangeListener(listener);
          listener = null;
        }
        detachOurs(context.getConfiguration());
      }
      declared.forEach((appender, filter) -> {
        // Back to the appender's own bounded queue, as before install: no event reaches a shut-down SDK.
        appender.setOpenTelemetry(null);
        filter.gate().unbind();
      });
      declared.clear();
    }
  }

  /** Binds the appenders the configuration declares, or else attaches ours; returns the sentence for the report. */
  private static String apply(Configuration cfg) {
    List<OpenTelemetryAppender> found = new ArrayList<>();
    for (Appender a : cfg.getAppenders().values()) {
      if (a instanceof OpenTelemetryAppender && !APPENDER_NAME.equals(a.getName())) {
        found.add((OpenTelemetryAppender) a);
      }
    }
    if (!found.isEmpty()) {
      detachOurs(cfg);
      for (OpenTelemetryAppender a : found) {
        Log4jExportFilter filter = declared.get(a);
        if (filter == null) {
          filter = new Log4jExportFilter(new ExportGate(Integer.MAX_VALUE), boundLevel);
          filter.start();
          a.addFilter(filter);
          declared.put(a, filter);
        }
        filter.setMinLevel(boundLevel);
        filter.gate().bind();
        a.setOpenTelemetry(bound);
      }
      return "the OpenTelemetry appender declared in the Log4j2 configuration ("
          + found.stream().map(Appender::getName).collect(Collectors.joining(", "))
          + ") is bound to this SDK, which also exports the events it kept before install; no appender was added";
    }
    Appender ours = cfg.getAppender(APPENDER_NAME);
    if (ours == null || !ours.isStarted()) {
      ours = newAppender(cfg);
      ours.start();
      cfg.addAppender(ours);
    }
    List<String> alsoOn = new ArrayList<>();
    for (LoggerConfig lc : loggerConfigs(cfg)) {
      boolean isRoot = lc == cfg.getRootLogger();
      // Events of a logger with additivity="false" never reach the root: without our appender they would be lost.
      if (isRoot || (!lc.isAdditive() && !lc.getAppenders().isEmpty())) {
        if (!lc.getAppenders().containsKey(APPENDER_NAME)) {
          lc.addAppender(ours, null, null);
        }
        if (!isRoot) {
          alsoOn.add(lc.getName());
        }
      }
    }
    return "OpenTelemetry's Log4j appender is attached to the root logger"
        + " and bound to this SDK"
        + (alsoOn.isEmpty() ? "" : "; also to the loggers " + alsoOn + " (additivity=false)")
        + "; console and file appenders are unchanged; events logged before install are lost"
        + " unless the configuration declares the <OpenTelemetry> appender";
  }

  private static Appender newAppender(Configuration cfg) {
    Log4jExportFilter filter = new Log4jExportFilter(new ExportGate(ExportGate.PRE_INSTALL_CAPACITY), boundLevel);
    filter.gate().bind();
    filter.start();
    OpenTelemetryAppender otel = OpenTelemetryAppender.builder()
        .setName(APPENDER_NAME)
        .setConfiguration(cfg)
        // thread.name comes with the "experimental" attributes. Code attributes need the caller's stack frame on
        // every event; they stay at the appender's default, off (see docs/performance.md, "SLF4J log routing").
        .setCaptureExperimentalAttributes(true)
        .setCaptureMapMessageAttributes(true)
        .setCaptureMarkerAttribute(true)
        .setCaptureContextDataAttributes("*")
        .setNumLogsCapturedBeforeOtelInstall(ExportGate.PRE_INSTALL_CAPACITY)
        .setOpenTelemetry(bound)
        .build();
    // The filter goes on the guard: Log4j checks the filter of the appender it calls, which is the guard.
    return new GuardedLog4jAppender(APPENDER_NAME, filter, otel);
  }

  private static void detachOurs(Configuration cfg) {
    for (LoggerConfig lc : loggerConfigs(cfg)) {
      lc.removeAppender(APPENDER_NAME);
    }
    Appender ours = cfg.getAppenders().get(APPENDER_NAME);
    if (cfg instanceof AbstractConfiguration) {
      ((AbstractConfiguration) cfg).removeAppender(APPENDER_NAME);
    }
    if (ours != null) {
      ours.stop();
    }
  }

  private static List<LoggerConfig> loggerConfigs(Configuration cfg) {
    List<LoggerConfig> all = new ArrayList<>(cfg.getLoggers().values());
    if (!all.contains(cfg.getRootLogger())) {
      all.add(cfg.getRootLogger());
    }
    return all;
  }

  /** Re-applies the routing to each new configuration while an SDK is bound. */
  private static final class ConfigListener implements PropertyChangeListener {
    @Override
    public void propertyChange(PropertyChangeEvent event) {
      if (!LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())
          || !(event.getNewValue() instanceof Configuration)) {
        return;
      }
      synchronized (LOCK) {
        if (bound != null && event.getSource() == context) {
          apply((Configuration) event.getNewValue());
        }
      }
    }
  }


  private static String version() {
    String v = LoggerContext.class.getPackage().getImplementationVersion();
    return v == null ? "" : " " + v;
  }
}
