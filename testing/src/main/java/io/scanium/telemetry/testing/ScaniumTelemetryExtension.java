package io.scanium.telemetry.testing;

import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Installs Scanium telemetry for each test, exactly as the application installs it in production, but capturing
 * spans and log records in memory and with a fresh metrics registry: a test drives its application (servlet,
 * Vert.x, the JDK HttpServer, or an adapter of its own) and asserts on what was recorded with
 * {@link TelemetryAssertions}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ScaniumTelemetryExtension telemetry = ScaniumTelemetryExtension.create();
 *
 * @BeforeEach
 * void start(ScaniumTelemetry installed) {           // or ScaniumTelemetry.installed(), as production code does
 *   server = MyApplication.start(installed);           // builds the real adapter with it
 * }
 *
 * @Test
 * void countsRequests(TelemetryCapture capture) throws Exception {
 *   get("/v1/items/7");
 *   assertThat(capture).httpRequests().withRoute("/v1/items/{id}").withStatus(200).hasCount(1);
 * }
 * }</pre>
 *
 * <p><b>Per test.</b> Before each test (and before the test class's {@code @BeforeEach} methods) a new
 * {@link ScaniumTelemetry} is installed: {@link ScaniumTelemetry#installed()} returns it, it is
 * {@code GlobalOpenTelemetry}, and the servlet adapter's automatic registration picks it up. After each test (after
 * the {@code @AfterEach} methods) it is closed, so no span, series or global registration leaks into the next test
 * or test class. Start the application under test in {@code @BeforeEach} (or in the test), so that it is built on
 * that test's instance; an application started once per class would keep using a closed one. Rebuilding costs a few
 * milliseconds per test once the classes are loaded (see docs/testing.md); resetting instead is not possible, because
 * the engine caches its series per route and a cleared registry would silently stop counting.
 *
 * <p><b>Nothing is exported.</b> The variables default to {@code OTEL_TRACES_EXPORTER=none},
 * {@code OTEL_LOGS_EXPORTER=none}, {@code OTEL_METRICS_EXPORTER=none}, {@code SCANIUM_METRICS_PORT=off},
 * {@code OTEL_SERVICE_NAME=test-service}, {@code deployment.environment.name=test}, no JVM metrics and no startup
 * report; the process environment and system properties are not read, so a developer's own {@code OTEL_*} settings
 * cannot change a test. {@link #withEnvironment} overrides any of them (e.g. to export to an
 * {@code io.scanium.telemetry.receiver.OtlpReceiver}), {@link #withScrapePort()} serves the real scrape endpoint.
 *
 * <p><b>Parameters.</b> Test, {@code @BeforeEach} and {@code @AfterEach} methods can take a {@link ScaniumTelemetry}
 * or a {@link TelemetryCapture} parameter. Register it with {@code @RegisterExtension} to configure it, or with
 * {@code @ExtendWith(ScaniumTelemetryExtension.class)} for the defaults.
 *
 * <p>The installed instance is one per process: tests using this extension must not run in parallel with each other
 * or with other code that installs Scanium telemetry (with JUnit's parallel execution, put them under one
 * {@code @ResourceLock(ScaniumTelemetryExtension.RESOURCE_LOCK)}).
 */
public final class ScaniumTelemetryExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** A resource-lock key for tests that install Scanium telemetry, for JUnit's parallel execution. */
  public static final String RESOURCE_LOCK = "io.scanium.telemetry.ScaniumTelemetry.installed";

  /** How long assertions wait, by default, for requests, spans and log records still being recorded. */
  public static final Duration DEFAULT_AWAIT_TIMEOUT = Duration.ofSeconds(10);

  private static final Map<String, String> DEFAULTS = defaults();
  private static final int PORT_ATTEMPTS = 3;

  private final Map<String, String> environment;
  private final boolean scrapePort;
  private final Duration awaitTimeout;
  private final ExtensionContext.Namespace namespace;
  private volatile TelemetryCapture current;

  /** The defaults; for {@code @ExtendWith(ScaniumTelemetryExtension.class)}. */
  public ScaniumTelemetryExtension() {
    this(DEFAULTS, false, DEFAULT_AWAIT_TIMEOUT);
  }

  private ScaniumTelemetryExtension(Map<String, String> environment, boolean scrapePort, Duration awaitTimeout) {
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    this.scrapePort = scrapePort;
    this.awaitTimeout = awaitTimeout;
    this.namespace = ExtensionContext.Namespace.create(ScaniumTelemetryExtension.class, this);
  }

  /** The extension with the defaults; configure it with the {@code with*} methods. */
  public static ScaniumTelemetryExtension create() {
    return new ScaniumTelemetryExtension();
  }

  /**
   * A copy that also sets these variables ({@code OTEL_*}, {@code SCANIUM_*}), over the defaults. For example
   * {@code Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint())} exports spans
   * to an OTLP receiver as well as capturing them. The configuration is validated as at startup in production:
   * a test with an invalid one fails with the same {@code TelemetryConfigurationException}.
   */
  public ScaniumTelemetryExtension withEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new LinkedHashMap<>(environment);
    merged.putAll(Objects.requireNonNull(variables, "variables"));
    return new ScaniumTelemetryExtension(merged, scrapePort, awaitTimeout);
  }

  /** A copy with this {@code OTEL_SERVICE_NAME}, the {@code service_name} label of every series. */
  public ScaniumTelemetryExtension withServiceName(String serviceName) {
    return withEnvironment(Map.of("OTEL_SERVICE_NAME", Objects.requireNonNull(serviceName, "serviceName")));
  }

  /**
   * A copy that serves the real scrape endpoint on 127.0.0.1, on a free port, for tests that scrape over HTTP
   * ({@link TelemetryCapture#scrapeEndpoint()}, {@link TelemetryCapture#scrapeUri()}).
   */
  public ScaniumTelemetryExtension withScrapePort() {
    return new ScaniumTelemetryExtension(environment, true, awaitTimeout);
  }

  /** A copy whose assertions wait at most {@code timeout} for what is still being recorded (default 10 s). */
  public ScaniumTelemetryExtension withAwaitTimeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    return new ScaniumTelemetryExtension(environment, scrapePort, timeout);
  }

  /** The variables each test's telemetry is installed with (the scrape port is chosen per test). */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * The current test's capture.
   *
   * @throws IllegalStateException outside a test (e.g. in {@code @BeforeAll}): telemetry is installed per test
   */
  public TelemetryCapture capture() {
    TelemetryCapture c = current;
    if (c == null) {
      throw new IllegalStateException("no test is running: ScaniumTelemetryExtension installs telemetry before each"
          + " test and closes it after; use it from a test, @BeforeEach or @AfterEach method");
    }
    return c;
  }

  /**
   * The current test's installed telemetry (also {@link ScaniumTelemetry#installed()}).
   *
   * @throws IllegalStateException outside a test
   */
  public ScaniumTelemetry telemetry() {
    return capture().telemetry();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ScaniumTelemetry other = ScaniumTelemetry.installed().orElse(null);
    if (other != null) {
      throw new IllegalStateException("Scanium telemetry (service " + other.serviceName() + ") is already installed"
          + " before " + context.getDisplayName() + ": something installed it and did not close it (a test not"
          + " using ScaniumTelemetryExtension, or the application under test calling ScaniumTelemetry.install()"
          + " instead of ScaniumTelemetry.installed()). The extension installs one per test.");
    }
    TelemetryCapture capture = install();
    context.getStore(namespace).put(TelemetryCapture.class, capture);
    current = capture;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TelemetryCapture capture = context.getStore(namespace).remove(TelemetryCapture.class, TelemetryCapture.class);
    current = null;
    if (capture != null) {
      capture.telemetry().close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ScaniumTelemetry.class || type == TelemetryCapture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TelemetryCapture capture = context.getStore(namespace).get(TelemetryCapture.class, TelemetryCapture.class);
    if (capture == null) {
      throw new ParameterResolutionException("ScaniumTelemetryExtension installs telemetry per test: a "
          + parameter.getParameter().getType().getSimpleName() + " parameter is available to test, @BeforeEach and"
          + " @AfterEach methods, not to " + parameter.getDeclaringExecutable().getName()
          + " (a constructor or @BeforeAll method runs before it is installed)");
    }
    return parameter.getParameter().getType() == ScaniumTelemetry.class ? capture.telemetry() : capture;
  }

  private TelemetryCapture install() {
    for (int attempt = 1; ; attempt++) {
      Map<String, String> env = new LinkedHashMap<>(environment);
      if (scrapePort) {
        env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
        env.put("SCANIUM_METRICS_PORT", Integer.toString(freePort()));
      }
      InMemorySpanExporter spans = InMemorySpanExporter.create();
      InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
      try {
        ScaniumTelemetry telemetry = ScaniumTelemetry.builder()
            .environment(env)
            .shutdownHook(false)
            .addSpanProcessor(SimpleSpanProcessor.create(spans))
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
            .install();
        return new TelemetryCapture(telemetry, spans, logs, awaitTimeout);
      } catch (TelemetryConfigurationException e) {
        // The free port found may be taken by another process before the endpoint binds it: try another one.
        if (!scrapePort || attempt >= PORT_ATTEMPTS || !String.valueOf(e.getMessage()).contains("scrape endpoint")) {
          throw e;
        }
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on the loopback interface", e);
    }
  }

  private static Map<String, String> defaults() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", "test-service");
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=test");
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("SCANIUM_METRICS_PORT", "off");
    // JVM metrics register GC listeners that are never removed: one set per test would pile up.
    env.put("SCANIUM_JVM_METRICS", "false");
    env.put("SCANIUM_STARTUP_REPORT", "false");
    return Collections.unmodifiableMap(env);
  }
}
