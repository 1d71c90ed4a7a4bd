package io.scanium.telemetry.internal.logs.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import ch.qos.logback.core.util.COWArrayList;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.health.ClassPathVersions;
import io.scanium.telemetry.internal.logs.BackendRouting;
import io.scanium.telemetry.internal.logs.ExportGate;
import io.scanium.telemetry.internal.logs.LogRouting;
import io.scanium.telemetry.internal.logs.LogRoutingStatus;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Log routing for Logback: OpenTelemetry's Logback appender on the root logger (and on every logger that does not
 * pass its events on to the root), bound to our SDK, plus OpenTelemetry's MDC appender in front of the service's own
 * appenders for {@code %X{trace_id}}.
 *
 * <p>Logback has one logger context per process in practice, so the state is static and guarded by one lock; it
 * outlives {@code ScaniumTelemetry} instances because the appender attached before install must be found again by
 * the install that binds it.
 *
 * <p>A reset of the logger context (a reload of {@code logback.xml} with {@code scan="true"}, or code that resets and
 * configures Logback again) detaches and stops every appender. A reset-resistant context listener attaches a new
 * appender, bound to the same SDK, so that export does not stop silently. A {@code stop()} of the context removes
 * every listener, this one included: then the routing ends with it.
 */
public final class LogbackRouting implements BackendRouting {

  static final String APPENDER_NAME = "scanium-otlp";

  private static final Object LOCK = new Object();

  // Everything below is guarded by LOCK.
  private static LoggerContext context;
  private static ResetListener listener;
  private static OpenTelemetryAppender ours;
  private static LogbackExportFilter oursFilter;
  private static OpenTelemetry bound;
  private static String boundLevel = "INFO";
  private static boolean attachedEarly;
  private static final Map<OpenTelemetryAppender, LogbackExportFilter> declared = new IdentityHashMap<>();
  private static TraceIdMdcAppender traceIds;
  private static final List<Logger> traceIdLoggers = new ArrayList<>();

  /** Instantiated by {@code LogRouting} once Logback is known to be the SLF4J provider. */
  public LogbackRouting() {}

  /** From {@link EarlyLogbackConfigurator}: attaches the unbound appender before the configuration is read. */
  static void attachEarly(LoggerContext ctx) {
    String level = ExportGate.levelFromProcess();
    if (level.equals("OFF")) {
      return;
    }
    synchronized (LOCK) {
      attachedEarly = true;
      adopt(ctx);
      if (ours == null) {
        attachOurs(root(ctx), level);
      }
    }
  }

  @Override
  public LogRoutingStatus install(OpenTelemetry sdk, ResolvedConfig config) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    String level = config.logsLevel();
    synchronized (LOCK) {
      adopt(ctx);
      boolean tookOver = bound != null && bound != sdk;
      bound = sdk;
      boundLevel = level;
      String how = bind(ctx, sdk, level);
      String correlation = addTraceIds(ctx, false);
      String levelWords = LogRouting.levelSentence(level, config);
      return new LogRoutingStatus("logback" + version(), true, how + "; " + levelWords + ";" + correlation
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
      removeTraceIds();
      // Back to keeping a bounded number of events, as before install: no event reaches a shut-down SDK.
      if (ours != null) {
        ours.setOpenTelemetry(null);
        oursFilter.gate().unbind();
      }
      declared.forEach((appender, filter) -> {
        appender.setOpenTelemetry(null);
        filter.gate().unbind();
      });
    }
  }

  // ---- binding ----------------------------------------------------------------------------------------------

  /** Binds the appenders the configuration declares, or else ours; returns the sentence for the report. */
  private static String bind(LoggerContext ctx, OpenTelemetry sdk, String level) {
    List<OpenTelemetryAppender> found = new ArrayList<>();
    forEachAppender(ctx, a -> {
      if (a instanceof OpenTelemetryAppender && a != ours && !found.contains(a)) {
        found.add((OpenTelemetryAppender) a);
      }
    });
    if (!found.isEmpty()) {
      if (ours != null) {
        // The declared appender kept the same early events in its own queue: two appenders would export each twice.
        detachOurs(ctx);
      }
      for (OpenTelemetryAppender a : found) {
        LogbackExportFilter filter = declared.get(a);
        if (filter == null) {
          filter = new LogbackExportFilter(new ExportGate(Integer.MAX_VALUE), level);
          filter.setContext(ctx);
          filter.start();
          a.addFilter(filter);
          declared.put(a, filter);
        }
        filter.setMinLevel(level);
        filter.gate().bind();
        a.setOpenTelemetry(sdk);
      }
      return "the OpenTelemetry appender declared in the Logback configuration ("
          + found.stream().map(Appender::getName).collect(Collectors.joining(", "))
          + ") is bound to this SDK; no appender was added";
    }
    Logger root = root(ctx);
    if (ours == null) {
      attachOurs(root, level);
    } else if (!root.isAttached(ours)) {
      insertBefore(root, ours, a -> true);
    }
    List<String> alsoOn = new ArrayList<>();
    for (Logger logger : ctx.getLoggerList()) {
      // Events of a logger with additivity="false" never reach the root: without our appender they would be lost.
      if (logger != root && !logger.isAdditive() && logger.iteratorForAppenders().hasNext()) {
        if (!logger.isAttached(ours)) {
          insertBefore(logger, ours, a -> true);
        }
        alsoOn.add(logger.getName());
      }
    }
    oursFilter.setMinLevel(level);
    long[] before = oursFilter.gate().bind();
    ours.setOpenTelemetry(sdk);
    return "OpenTelemetry's Logback appender is attached to the root logger"
        + " and bound to this SDK"
        + (alsoOn.isEmpty() ? "" : "; also to the loggers " + alsoOn + " (additivity=false)")
        + "; console and file appenders are unchanged" + ExportGate.preInstallClause(before)
        + (!attachedEarly && isLogback12() ? "; events logged before the first install are not kept;"
            + " Logback 1.2 runs the library's early hook only when there is no configuration file;"
            + " declare OpenTelemetry's appender in it to keep them (docs/logs.md)" : "");
  }

  private static void attachOurs(Logger root, String level) {
    LoggerContext ctx = root.getLoggerContext();
    LogbackExportFilter filter = oursFilter != null ? oursFilter : new LogbackExportFilter(
        new ExportGate(ExportGate.PRE_INSTALL_CAPACITY), level);
    filter.setMinLevel(level);
    filter.setContext(ctx);
    filter.start();
    OpenTelemetryAppender a = new GuardedLogbackAppender();
    a.setName(APPENDER_NAME);
    a.setContext(ctx);
    // thread.name comes with the "experimental" attributes; code attributes walk the stack on every event and are
    // left off (see docs/performance.md, "SLF4J log routing" for the cost).
    a.setCaptureExperimentalAttributes(true);
    a.setCaptureCodeAttributes(false);
    a.setCaptureKeyValuePairAttributes(true);
    a.setCaptureMdcAttributes("*");
    a.setCaptureMarkerAttribute(true);
    a.setNumLogsCapturedBeforeOtelInstall(ExportGate.PRE_INSTALL_CAPACITY);
    a.addFilter(filter);
    a.start();
    ours = a;
    oursFilter = filter;
    // First, so that the MDC decorator (placed after it) does not add trace_id/span_id as record attributes: the
    // record carries them as its own trace context already.
    insertBefore(root, a, x -> true);
  }

  private static void detachOurs(LoggerContext ctx) {
    for (Logger logger : ctx.getLoggerList()) {
      logger.detachAppender(ours);
    }
    ours.stop();
    ours = null;
    oursFilter = null;
  }

  // ---- console correlation ----------------------------------------------------------------------------------

  /**
   * Puts the MDC decorator before the service's appenders on every logger that has some; with {@code rootAnyway},
   * also on a root logger without any yet: after a reset, the new configuration's appenders come after it.
   */
  private static String addTraceIds(LoggerContext ctx, boolean rootAnyway) {
    if (!LogRouting.present("io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender")) {
      return " console trace ids: off (opentelemetry-logback-mdc-1.0 is not on the classpath).";
    }
    boolean[] userDeclared = {false};
    forEachAppender(ctx, a -> userDeclared[0] |= a instanceof
        io.opentelemetry.instrumentation.logback.mdc.v1_0.OpenTelemetryAppender && !(a instanceof TraceIdMdcAppender));
    if (userDeclared[0]) {
      return " console trace ids: by the OpenTelemetry MDC appender the configuration declares.";
    }
    if (traceIds == null) {
      traceIds = new TraceIdMdcAppender();
      traceIds.setContext(ctx);
      traceIds.start();
    }
    for (Logger logger : ctx.getLoggerList()) {
      boolean root = logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME);
      if (!traceIdLoggers.contains(logger) && (hasOwnAppender(logger) || (rootAnyway && root))) {
        insertBefore(logger, traceIds, LogbackRouting::isServiceAppender);
        traceIdLoggers.add(logger);
      }
    }
    return " console: trace_id, span_id and trace_flags are in the MDC while a span is current (%X{trace_id}).";
  }

  private static void removeTraceIds() {
    for (Logger logger : traceIdLoggers) {
      logger.detachAppender(traceIds);
    }
    traceIdLoggers.clear();
  }

  private static boolean hasOwnAppender(Logger logger) {
    for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
      if (isServiceAppender(it.next())) {
        return true;
      }
    }
    return false;
  }

  /** The service's appenders, as opposed to OpenTelemetry's appenders and our decorator. */
  private static boolean isServiceAppender(Appender<ILoggingEvent> a) {
    return !(a instanceof OpenTelemetryAppender) && !(a instanceof TraceIdMdcAppender);
  }

  // ---- logger context lifecycle -----------------------------------------------------------------------------

  private static void adopt(LoggerContext ctx) {
    if (context != ctx) {
      context = ctx;
      ours = null;
      oursFilter = null;
      declared.clear();
      traceIds = null;
      traceIdLoggers.clear();
      listener = null;
    }
    if (listener == null) {
      listener = new ResetListener();
      ctx.addListener(listener);
    }
  }

  /** Re-attaches after a reset of the logger context, which detaches and stops every appender. */
  private static final class ResetListener implements LoggerContextListener {

    @Override
    public boolean isResetResistant() {
      return true;
    }

    @Override
    public void onReset(LoggerContext ctx) {
      synchronized (LOCK) {
        if (ctx != context) {
          return;
        }
        boolean had = ours != null;
        ours = null;
        if (oursFilter != null) {
          oursFilter.stop();
        }
        declared.clear();
        if (traceIds != null) {
          traceIds.stop();
          traceIds = null;
        }
        traceIdLoggers.clear();
        if (bound != null || had) {
          attachOurs(root(ctx), bound != null ? boundLevel : ExportGate.levelFromProcess());
          if (bound != null) {
            oursFilter.gate().bind();
            ours.setOpenTelemetry(bound);
            // The new configuration's appenders are added after this, to the root: behind the decorator.
            addTraceIds(ctx, true);
          }
        }
      }
    }

    @Override
    public void onStop(LoggerContext ctx) {
      synchronized (LOCK) {
        if (ctx != context) {
          return;
        }
        if (ours != null) {
          detachOurs(ctx);
        }
        context = null;
        listener = null;
      }
    }

    @Override
    public void onStart(LoggerContext ctx) {}

    @Override
    public void onLevelChange(Logger logger, Level level) {}
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private static Logger root(LoggerContext ctx) {
    return ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Every appender of every logger, including those nested in AsyncAppender and the like. */
  private static void forEachAppender(LoggerContext ctx, Consumer<Appender<ILoggingEvent>> action) {
    for (Logger logger : ctx.getLoggerList()) {
      logger.iteratorForAppenders().forEachRemaining(a -> visit(a, action, 0));
    }
  }

  @SuppressWarnings("unchecked")
  private static void visit(Appender<ILoggingEvent> a, Consumer<Appender<ILoggingEvent>> action, int depth) {
    action.accept(a);
    if (a instanceof AppenderAttachable && depth < 8) {
      ((AppenderAttachable<ILoggingEvent>) a).iteratorForAppenders().forEachRemaining(n -> visit(n, action, depth + 1));
    }
  }

  /**
   * Inserts {@code appender} on {@code logger} just before the first appender matching {@code before}, atomically:
   * Logback's public API only appends at the end, and detaching and re-adding the service's appenders would lose
   * their output for a moment. Falls back to appending at the end if Logback's internals differ.
   */
  @SuppressWarnings("unchecked")
  private static void insertBefore(Logger logger, Appender<ILoggingEvent> appender,
      Predicate<Appender<ILoggingEvent>> before) {
    synchronized (logger) {
      try {
        AppenderAttachableImpl<ILoggingEvent> aai = (AppenderAttachableImpl<ILoggingEvent>) AAI_FIELD.get(logger);
        if (aai != null) {
          COWArrayList<Appender<ILoggingEvent>> list =
              (COWArrayList<Appender<ILoggingEvent>>) LIST_FIELD.get(aai);
          if (list.contains(appender)) {
            return;
          }
          int index = 0;
          while (index < list.size() && !before.test(list.get(index))) {
            index++;
          }
          list.add(index, appender);
          // COWArrayList.add(int, E) marks its array copy stale before the insertion; a no-op addIfAbsent marks it
          // again after, so that no reader keeps a copy without the new appender.
          list.addIfAbsent(appender);
          return;
        }
      } catch (RuntimeException | ReflectiveOperationException | LinkageError e) {
        // Internals of another Logback version: fall through to the public API.
      }
      logger.addAppender(appender);
    }
  }

  private static final Field AAI_FIELD = field(Logger.class, "aai");
  private static final Field LIST_FIELD = field(AppenderAttachableImpl.class, "appenderList");

  private static Field field(Class<?> type, String name) {
    try {
      Field f = type.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }


  /** Logback 1.2 (SLF4J 1.7): its Configurator has no ExecutionStatus, which 1.3 introduced. */
  static boolean isLogback12() {
    return !LogRouting.present("ch.qos.logback.classic.spi.Configurator$ExecutionStatus");
  }

  private static String version() {
    String v = ClassPathVersions.versionOf(LoggerContext.class);
    return v == null ? "" : " " + v;
  }
}
