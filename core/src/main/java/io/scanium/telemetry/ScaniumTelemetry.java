package io.scanium.telemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.http.HttpServerTelemetry;
import io.scanium.telemetry.internal.Diagnostics;
import io.scanium.telemetry.internal.EngineWiring;
import io.scanium.telemetry.internal.ParallelStart;
import io.scanium.telemetry.internal.agent.JavaAgent;
import io.scanium.telemetry.internal.config.AgentSettings;
import io.scanium.telemetry.internal.config.ConfigSource;
import io.scanium.telemetry.internal.config.ConfigValidator;
import io.scanium.telemetry.internal.config.ContainerDetector;
import io.scanium.telemetry.internal.config.Problems;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Setting;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.health.DisabledSignals;
import io.scanium.telemetry.internal.health.DroppedItemsReader;
import io.scanium.telemetry.internal.health.ExportHealth;
import io.scanium.telemetry.internal.health.SdkLogRouting;
import io.scanium.telemetry.internal.health.StartupProbe;
import io.scanium.telemetry.internal.health.StartupProbes;
import io.scanium.telemetry.internal.logs.LogRouting;
import io.scanium.telemetry.internal.logs.LogRoutingStatus;
import io.scanium.telemetry.internal.report.StartupReport;
import io.scanium.telemetry.internal.scrape.ScrapeEndpoint;
import io.scanium.telemetry.internal.sdk.SdkAssembly;
import io.scanium.telemetry.internal.sdk.SdkShutdown;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The single entry point: one call at startup gives the service its {@code scanium_http_*} metrics on a scrape
 * port of their own, OTLP traces and logs, and a startup report that says where each signal goes.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   ScaniumTelemetry telemetry = ScaniumTelemetry.install(); // reads OTEL_* and SCANIUM_* variables
 *   // hand telemetry to the adapter of your framework, e.g. ScaniumServletTelemetry.create(telemetry)
 * }
 * }</pre>
 *
 * <p>{@link #install()} validates the whole configuration first and refuses to start, with a
 * {@link TelemetryConfigurationException} listing every problem, when telemetry would be lost silently: most of
 * all when no OTLP endpoint is configured and the exporter would fall back to localhost.
 *
 * <p>The standard {@code OTEL_*} variables keep their meaning; OpenTelemetry's autoconfigure module reads them.
 * The only defaults that differ: OTLP over http/protobuf (the JDK HttpClient transport), no OTLP metric
 * exporter (metrics are scraped; with {@code OTEL_METRICS_EXPORTER=otlp} the same series are also pushed), and
 * attribute values of at most 4096 characters.
 */
public final class ScaniumTelemetry implements AutoCloseable {

  private static final AtomicReference<ScaniumTelemetry> INSTALLED = new AtomicReference<>();
  /** How long close() still waits when the collector refuses connections. */
  private static final String VERSION = loadVersion();

  private final ResolvedConfig config;
  /** The SDK this library built; null under the OpenTelemetry Java agent, whose SDK exports instead. */
  private final OpenTelemetrySdk sdk;
  /** Where spans and logs go: {@link #sdk}, or the agent's {@code OpenTelemetry}. */
  private final OpenTelemetry openTelemetry;
  private final PrometheusRegistry registry;
  private final HttpServerTelemetry http;
  /** The scrape endpoint, or null when it is off. */
  private final ScrapeEndpoint scrape;
  private final DroppedItemsReader droppedItems;
  private final LogRoutingStatus logRouting;
  private final String startupReport;
  private final boolean global;
  private final Thread shutdownHook;
  /** The SDK's java.util.logging records, rate-limited through the library's reporter; null when left alone. */
  private final SdkLogRouting sdkLogs;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ScaniumTelemetry(Builder b, ResolvedConfig config) {
    this.config = config;
    Diagnostics diagnostics = new Diagnostics();
    this.registry = b.registry != null ? b.registry : new PrometheusRegistry();
    boolean agent = config.agent().isPresent();
    // Only into a registry of our own: an install that fails leaves an application's registry as it found it.
    boolean parallelJvm = config.jvmMetrics() && b.registry == null;
    ParallelStart parallel = ParallelStart.start(parallelJvm ? registry : null);
    Runnable probeAfterReport = StartupProbes.beforeStart(config, registry, b.resolver);
    Map<Signal, String> urls = new EnumMap<>(Signal.class);
    config.signals().forEach((s, p) -> p.url().ifPresent(u -> urls.put(s, u)));
    this.droppedItems = new DroppedItemsReader();
    // Under the agent a second SDK would export half of the telemetry, and the agent drops the spans of any SDK but
    // its own when they are put into a Context: everything goes through the agent's, which GlobalOpenTelemetry is.
    ExportHealth health = agent ? null : new ExportHealth(registry, diagnostics, urls);
    if (health != null && config.sdkDisabled()) {
      health.notExported(Signal.TRACES);
      health.notExported(Signal.LOGS);
    }
    this.sdk = agent ? null : SdkAssembly.build(config, b.spanProcessors, b.logRecordProcessors, health, droppedItems,
        registry, VERSION);
    this.openTelemetry = agent ? b.agentOpenTelemetry.get() : sdk;
    this.sdkLogs = agent ? null : SdkLogRouting.install(diagnostics, julProperties()).orElse(null);
    boolean started = false;
    ScrapeEndpoint endpoint = null;
    try {
      if (!agent) {
        registry.register(droppedItems);
      }
      DisabledSignals signals = new DisabledSignals(registry);
      registerInfo(registry, config);
      parallel.join();
      if (config.jvmMetrics() && !parallelJvm) {
        JvmMetrics.builder().register(registry);
      }
      List<String> warnings = warnings(b, agent, registry);
      // A span nobody can receive costs a request about a microsecond (the SDK records it in full, then drops it):
      // when traces go nowhere the engine only propagates the caller's context, so logs and outgoing calls still
      // carry the caller's trace.
      boolean httpSpans = config.signals().get(Signal.TRACES).exported() || !b.spanProcessors.isEmpty();
      OpenTelemetry spans = httpSpans || agent ? openTelemetry
          : OpenTelemetry.propagating(openTelemetry.getPropagators());
      this.http = EngineWiring.wire(HttpServerTelemetry.builder(spans, registry), diagnostics, signals)
          .adoptServerSpans(agent)
          .serviceName(config.serviceName())
          .deploymentEnvironment(config.deploymentEnvironment())
          .serviceLabels(config.serviceLabels())
          .maxRoutes(config.maxRoutes())
          .captureQuery(config.captureQuery())
          .redactQueryParameters(config.queryRedact())
          .instrumentationVersion(VERSION)
          .build();
      this.logRouting = LogRouting.install(openTelemetry, config, !agent && !b.logRecordProcessors.isEmpty(),
          signals);
      if (config.logsRequired() && !logRouting.exported()) {
        throw new TelemetryConfigurationException(List.of(Problems.of(config.setting(Setting.LOGS_REQUIRED),
            "logs are required to be exported, but they are not: " + logRouting.detail(),
            "put logback-classic or log4j-slf4j2-impl on the classpath as the SLF4J provider, or set "
                + Setting.LOGS_REQUIRED.variable() + "=false.")));
      }
      endpoint = config.metricsEndpointEnabled() ? ScrapeEndpoint.start(config, registry, diagnostics) : null;
      this.scrape = endpoint;
      // The agent's OpenTelemetry is global already, and stays so.
      this.global = !agent && config.registerGlobal() && b.registerGlobal;
      if (global) {
        setGlobal(sdk, config);
      }
      this.startupReport = StartupReport.render(VERSION, config, endpoint == null ? null : endpoint.uri().toString(),
          logRouting, warnings, httpSpans);
      if (config.startupReport()) {
        Diagnostics.print(startupReport);
      }
      probeAfterReport.run();
      this.shutdownHook = b.shutdownHook ? new Thread(this::closeFromHook, "scanium-telemetry-shutdown") : null;
      if (shutdownHook != null) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      }
      started = true;
    } finally {
      if (!started) {
        if (endpoint != null) {
          endpoint.close();
        }
        if (sdkLogs != null) {
          sdkLogs.close();
        }
        LogRouting.uninstall(openTelemetry);
        if (sdk != null) {
          sdk.shutdown().join(1, TimeUnit.SECONDS);
        }
      }
    }
  }

  /**
   * Installs telemetry from the process environment and system properties, and remembers it as the installed
   * instance (see {@link #installed()}).
   *
   * @throws TelemetryConfigurationException when the configuration would lose telemetry; the message lists every
   *     problem with its variable, value, source and fix
   */
  public static ScaniumTelemetry install() {
    return builder().install();
  }

  /**
   * Installs telemetry from the given variables only ({@code OTEL_SERVICE_NAME}, {@code SCANIUM_METRICS_PORT}, ...):
   * the process environment and system properties are not read. For tests and for services that read their
   * configuration from elsewhere.
   */
  public static ScaniumTelemetry install(Map<String, String> environment) {
    return builder().environment(environment).install();
  }

  /** A builder, for everything {@link #install()} does not offer. */
  public static Builder builder() {
    return new Builder();
  }

  /** The instance installed in this process and not yet closed, if any. */
  public static Optional<ScaniumTelemetry> installed() {
    return Optional.ofNullable(INSTALLED.get());
  }

  /**
   * Where this library's spans and logs go: use it for spans and metrics of your own. The SDK this library built,
   * or under the OpenTelemetry Java agent, the agent's (the same as {@code GlobalOpenTelemetry.get()}).
   */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /**
   * The SDK itself, for flushing in tests or adding processors.
   *
   * @throws IllegalStateException under the OpenTelemetry Java agent, where this library builds no SDK (the agent's
   *     exports; use {@link #openTelemetry()})
   */
  public OpenTelemetrySdk sdk() {
    if (sdk == null) {
      throw new IllegalStateException("no SDK of Scanium's own: the OpenTelemetry Java agent "
          + config.agent().map(a -> a.version()).orElse("") + " is attached and its SDK exports the spans and logs;"
          + " use ScaniumTelemetry.openTelemetry(), which is the agent's.");
    }
    return sdk;
  }

  /** The version of the OpenTelemetry Java agent attached to this JVM, which then exports spans and logs. */
  public Optional<String> javaAgentVersion() {
    return config.agent().map(a -> a.version());
  }

  /** The Prometheus registry served on the scrape endpoint: register metrics of your own here. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The HTTP server instrumentation engine every adapter uses. */
  public HttpServerTelemetry http() {
    return http;
  }

  /** The scrape endpoint's URL, e.g. {@code http://0.0.0.0:9464/metrics}; empty when it is switched off. */
  public Optional<URI> scrapeUri() {
    return Optional.ofNullable(scrape).map(ScrapeEndpoint::uri);
  }

  /** The port the scrape endpoint is bound to, or 0 when it is off. */
  public int scrapePort() {
    return scrape == null ? 0 : scrape.port();
  }

  /** The startup report, as printed on stderr at install. */
  public String startupReport() {
    return startupReport;
  }

  /** The {@code service.name} of the resource. */
  public String serviceName() {
    return config.serviceName();
  }

  /** The deployment environment of the resource ({@code unknown} when none is configured). */
  public String deploymentEnvironment() {
    return config.deploymentEnvironment();
  }

  /** This library's version. */
  public static String version() {
    return VERSION;
  }

  /**
   * Items dropped before export because the exporter queue was full, for {@code traces} or {@code logs}; always 0
   * under the OpenTelemetry Java agent, whose queues this library cannot see.
   */
  public long droppedCount(String signal) {
    return droppedItems.dropped(Signal.valueOf(signal.toUpperCase(java.util.Locale.ROOT)));
  }

  /**
   * Flushes spans and logs within the shutdown deadline ({@code SCANIUM_SHUTDOWN_TIMEOUT}, default 5 s) and stops
   * the scrape endpoint. Never waits longer than the deadline, even when the collector does not answer.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or about to; nothing to remove.
      }
    }
    shutdown();
  }

  private void closeFromHook() {
    if (closed.compareAndSet(false, true)) {
      shutdown();
    }
  }

  private void shutdown() {
    long start = System.nanoTime();
    try {
      LogRouting.uninstall(openTelemetry);
      if (sdk == null) {
        // The agent flushes its SDK in its own shutdown hook.
        return;
      }
      SdkShutdown.flush(sdk, config.shutdownTimeout(), otlpUrls());
    } catch (RuntimeException e) {
      Diagnostics.print("[scanium-telemetry] WARN shutdown failed: " + e);
    } finally {
      if (scrape != null) {
        scrape.close();
      }
      if (sdkLogs != null) {
        sdkLogs.close();
      }
      if (global) {
        GlobalOpenTelemetry.resetForTest();
      }
      INSTALLED.compareAndSet(this, null);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (ms > 1000) {
        Diagnostics.print("[scanium-telemetry] shutdown took " + ms + " ms");
      }
    }
  }

  /** How java.util.logging was configured for this JVM: read here, at the outermost entry point. */
  private static Map<String, String> julProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : new String[] {"java.util.logging.config.file", "java.util.logging.config.class"}) {
      String value = System.getProperty(name);
      if (value != null) {
        props.put(name, value);
      }
    }
    return props;
  }

  private List<String> otlpUrls() {
    List<String> urls = new ArrayList<>();
    config.signals().forEach((signal, plan) -> plan.url().ifPresent(urls::add));
    return urls;
  }

  private static void registerInfo(PrometheusRegistry registry, ResolvedConfig config) {
    Info info = Info.builder()
        .name(ScaniumMetrics.TELEMETRY_INFO)
        .help("Always 1 while the service runs with Scanium telemetry: tells 'not scraped' from 'no traffic yet'.")
        .labelNames("version", ScaniumMetrics.LABEL_SERVICE_NAME, ScaniumMetrics.LABEL_DEPLOYMENT_ENVIRONMENT)
        .register(registry);
    info.addLabelValues(VERSION, config.serviceName(), config.deploymentEnvironment());
  }

  /** What the report warns about beyond the configuration: bridged simpleclient metrics, code the agent ignores. */
  private static List<String> warnings(Builder b, boolean agent, PrometheusRegistry registry) {
    List<String> warnings = new ArrayList<>();
    SimpleclientSupport.bridge(registry).ifPresent(warnings::add);
    b.ignoredByAgent().ifPresent(warnings::add);
    if (agent && !b.spanProcessors.isEmpty()) {
      warnings.add("span processors added in code are not used: the OpenTelemetry Java agent's SDK exports the"
          + " spans, and it takes processors only through its own extensions.");
    }
    if (agent && !b.logRecordProcessors.isEmpty()) {
      warnings.add("log record processors added in code are not used: the OpenTelemetry Java agent's SDK exports"
          + " the logs, and it takes processors only through its own extensions.");
    }
    return warnings;
  }

  private static void setGlobal(OpenTelemetrySdk sdk, ResolvedConfig config) {
    try {
      GlobalOpenTelemetry.set(sdk);
    } catch (IllegalStateException e) {
      throw new TelemetryConfigurationException(Problems.of(config.setting(Setting.REGISTER_GLOBAL),
          "GlobalOpenTelemetry was already set, by the OpenTelemetry Java agent or by the application, before"
              + " Scanium telemetry was installed; two SDKs would each export half of the telemetry.",
          "install Scanium telemetry first, or remove the other SDK, or set "
              + Setting.REGISTER_GLOBAL.variable() + "=false to keep the other one global."), e);
    }
  }

  private static String loadVersion() {
    try (InputStream in = ScaniumTelemetry.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Configures and installs {@link ScaniumTelemetry}. */
  public static final class Builder {
    private Map<String, String> environment;
    private Map<String, String> systemProperties;
    private final Map<String, String> code = new LinkedHashMap<>();
    private PrometheusRegistry registry;
    private final List<SpanProcessor> spanProcessors = new ArrayList<>();
    private final List<LogRecordProcessor> logRecordProcessors = new ArrayList<>();
    private boolean shutdownHook = true;
    private boolean registerGlobal = true;
    private ContainerDetector containerDetector = ContainerDetector.filesystem(Path.of("/"));
    private final List<Map.Entry<String, Map<String, String>>> propertySources = new ArrayList<>();
    private Optional<JavaAgent> javaAgent = JavaAgent.detect();
    private Supplier<OpenTelemetry> agentOpenTelemetry = GlobalOpenTelemetry::get;
    private StartupProbe.Resolver resolver = StartupProbe.DNS;

    private Builder() {}

    /**
     * Use these variables instead of the process environment; system properties are then not read either
     * (unless given with {@link #systemProperties}).
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /** Use these system properties ({@code otel.service.name}, {@code scanium.metrics.port}) instead of the JVM's. */
    public Builder systemProperties(Map<String, String> systemProperties) {
      this.systemProperties = Map.copyOf(Objects.requireNonNull(systemProperties, "systemProperties"));
      return this;
    }

    /**
     * Sets a variable in code ({@code OTEL_SERVICE_NAME}, {@code SCANIUM_METRICS_PORT}); it wins over the
     * environment and system properties, and the startup report says it was set in code.
     */
    public Builder set(String variable, String value) {
      code.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a named source of properties in their dotted form ({@code otel.service.name}, {@code
     * scanium.metrics.port}), such as a framework's configuration file. It comes after environment variables and
     * system properties (the deployment overrides what the application ships with); sources added first win over
     * later ones. Messages and the startup report name a value's source with {@code name}.
     */
    public Builder propertySource(String name, Map<String, String> properties) {
      propertySources.add(Map.entry(Objects.requireNonNull(name, "name"),
          Map.copyOf(Objects.requireNonNull(properties, "properties"))));
      return this;
    }

    /** Serve this registry instead of a new one (to add the library's metrics to a registry you already scrape). */
    public Builder registry(PrometheusRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Adds a span processor beside the configured exporters (e.g. in-memory capture in tests). */
    public Builder addSpanProcessor(SpanProcessor processor) {
      spanProcessors.add(Objects.requireNonNull(processor, "processor"));
      return this;
    }

    /** Adds a log record processor beside the configured exporters (e.g. in-memory capture in tests). */
    public Builder addLogRecordProcessor(LogRecordProcessor processor) {
      logRecordProcessors.add(Objects.requireNonNull(processor, "processor"));
      return this;
    }

    /** Whether to register a JVM shutdown hook that flushes within the deadline (default true). */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /**
     * Whether this instance may become {@code GlobalOpenTelemetry} (default true, subject to
     * {@code SCANIUM_REGISTER_GLOBAL}).
     */
    public Builder registerGlobal(boolean registerGlobal) {
      this.registerGlobal = registerGlobal;
      return this;
    }

    Builder containerDetector(ContainerDetector detector) {
      this.containerDetector = detector;
      return this;
    }

    /**
     * Pretend this agent is attached, with {@code openTelemetry} as its SDK, for tests that cannot attach the real
     * one (whose SDK is {@code GlobalOpenTelemetry}, which a test must not set for the whole JVM).
     */
    Builder javaAgent(JavaAgent agent, OpenTelemetry openTelemetry) {
      this.javaAgent = Optional.of(agent);
      this.agentOpenTelemetry = () -> openTelemetry;
      return this;
    }

    /** Resolve the collectors' host names with this, for tests that must not send DNS queries. */
    Builder resolver(StartupProbe.Resolver resolver) {
      this.resolver = resolver;
      return this;
    }

    ConfigSource configSource() {
      ConfigSource source;
      if (environment == null && systemProperties == null) {
        ConfigSource process = ConfigSource.fromProcess();
        source = code.isEmpty() ? process : process.withCode(code);
      } else {
        source = ConfigSource.of(environment == null ? Map.of() : environment,
            systemProperties == null ? Map.of() : systemProperties, code);
      }
      if (javaAgent.isPresent()) {
        // The agent reads its file, not the application's framework configuration: it wins over those.
        source = AgentSettings.asSeenByAgent(source);
      }
      for (Map.Entry<String, Map<String, String>> p : propertySources) {
        source = source.withPropertySource(p.getKey(), javaAgent.isPresent() ? withoutOtel(p.getValue())
            : p.getValue());
      }
      return source;
    }

    /** The agent never reads a framework's configuration: checking its otel.* values would check the wrong thing. */
    private static Map<String, String> withoutOtel(Map<String, String> properties) {
      Map<String, String> kept = new LinkedHashMap<>(properties);
      kept.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).startsWith("otel."));
      return kept;
    }

    /** A warning naming the otel.* properties of framework sources that the agent will not read, if there are any. */
    Optional<String> ignoredByAgent() {
      if (javaAgent.isEmpty()) {
        return Optional.empty();
      }
      List<String> ignored = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> p : propertySources) {
        List<String> keys = p.getValue().keySet().stream()
            .filter(k -> k.toLowerCase(Locale.ROOT).startsWith("otel.")).sorted().toList();
        if (!keys.isEmpty()) {
          ignored.add(String.join(", ", keys) + " in " + p.getKey());
        }
      }
      return ignored.isEmpty() ? Optional.empty() : Optional.of("ignored: " + String.join("; ", ignored)
          + ". The OpenTelemetry Java agent exports, and it reads only environment variables, system properties and"
          + " its configuration file (OTEL_JAVAAGENT_CONFIGURATION_FILE): set them there.");
    }

    /**
     * Validates the configuration, builds everything and installs it as {@link ScaniumTelemetry#installed()}.
     *
     * @throws TelemetryConfigurationException listing every configuration problem
     * @throws IllegalStateException when another instance is installed and not closed
     */
    public ScaniumTelemetry install() {
      ResolvedConfig config = ConfigValidator.resolve(configSource(), containerDetector, javaAgent);
      synchronized (INSTALLED) {
        ScaniumTelemetry current = INSTALLED.get();
        if (current != null) {
          throw new IllegalStateException("Scanium telemetry is already installed in this process (service "
              + current.serviceName() + "); close() it first, or use ScaniumTelemetry.installed() to reuse it.");
        }
        ScaniumTelemetry t = new ScaniumTelemetry(this, config);
        INSTALLED.set(t);
        return t;
      }
    }

    /**
     * Validates and builds an instance without installing it as {@link ScaniumTelemetry#installed()} or as
     * {@code GlobalOpenTelemetry}: several may coexist (tests, multi-tenant hosts).
     */
    public ScaniumTelemetry build() {
      this.registerGlobal = false;
      return new ScaniumTelemetry(this, ConfigValidator.resolve(configSource(), containerDetector, javaAgent));
    }
  }
}
