package io.scanium.telemetry.benchmarks.vertx;

import ch.qos.logback.classic.Level;
import io.opentelemetry.sdk.testing.context.SettableContextStorageProvider;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x 5 Web hello-world router for load runs with wrk ({@code benchmarks/load/vertx-wrk.sh}), in one of three
 * modes:
 * <ul>
 *   <li>{@code none}: no instrumentation, the baseline;</li>
 *   <li>{@code noop}: {@code instrument(router)} and the tracing options, with spans created and sampled but
 *       exported nowhere ({@code OTEL_TRACES_EXPORTER=none});</li>
 *   <li>{@code otlp}: the same, every span exported over OTLP/HTTP to the endpoint given as third argument (a
 *       receiver in another process, so that its work is not counted as this server's CPU).</li>
 * </ul>
 * Arguments: {@code MODE PORT [OTLP_ENDPOINT]}. Two verticle instances (one event loop each) share the port on
 * 127.0.0.1, as a Vert.x service on a two-core machine would; prints {@code READY} when serving.
 */
public final class VertxLoadServer {

  private static final Buffer BODY = Buffer.buffer("hello");
  private static final int INSTANCES = 2;

  private VertxLoadServer() {}

  /** Starts the server and serves until killed; the shutdown hook prints the spans the SDK had to drop. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !args[0].matches("none|noop|otlp") || (args[0].equals("otlp") && args.length < 3)) {
      System.err.println("usage: VertxLoadServer none|noop|otlp PORT [OTLP_ENDPOINT]");
      System.exit(2);
    }
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    // Logback's default configuration would print Netty's and Vert.x's DEBUG output during the run.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    ScaniumTelemetry telemetry = null;
    VertxOptions options = new VertxOptions();
    if (!mode.equals("none")) {
      telemetry = ScaniumTelemetry.builder().environment(environment(mode, args)).shutdownHook(false).build();
      options.setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry));
    }
    Vertx vertx = Vertx.vertx(options);
    ScaniumVertxTelemetry vertxTelemetry = telemetry == null ? null : ScaniumVertxTelemetry.create(telemetry);
    vertx.deployVerticle(() -> new Hello(vertxTelemetry, port), new DeploymentOptions().setInstances(INSTANCES))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    ScaniumTelemetry installed = telemetry;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (installed != null) {
        System.err.println("dropped spans: " + installed.droppedCount("traces"));
        installed.close();
      }
    }));
    // Which OpenTelemetry context storage serves Context.current(): the adapter's, unless another provider won.
    // opentelemetry-sdk-testing, in this jar, puts its settable storage in front of the one chosen.
    io.opentelemetry.context.ContextStorage chosen = io.opentelemetry.context.ContextStorage.get();
    if (chosen.getClass().getName().startsWith(SettableContextStorageProvider.class.getName())) {
      chosen = SettableContextStorageProvider.getContextStorage();
    }
    String storage = chosen.getClass().getName();
    System.out.println("READY " + mode + " " + port + " pid " + ProcessHandle.current().pid() + " storage " + storage);
  }

  private static Map<String, String> environment(String mode, String[] args) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", "vertx-load-" + mode);
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("SCANIUM_METRICS_PORT", "off");
    env.put("SCANIUM_STARTUP_REPORT", "false");
    if (mode.equals("noop")) {
      env.put("OTEL_TRACES_EXPORTER", "none");
    } else {
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", args[2]);
      env.put("OTEL_TRACES_SAMPLER", "always_on");
    }
    // Batch-processor tuning for experiments (OTEL_BSP_MAX_QUEUE_SIZE, ...): the SDK defaults unless set.
    System.getenv().forEach((name, value) -> {
      if (name.startsWith("OTEL_BSP_")) {
        env.put(name, value);
      }
    });
    return env;
  }

  /** The application: one router with {@code GET /hello}, a fixed five-byte body. */
  private static final class Hello extends VerticleBase {
    private final ScaniumVertxTelemetry telemetry;
    private final int port;

    Hello(ScaniumVertxTelemetry telemetry, int port) {
      this.telemetry = telemetry;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      if (telemetry != null) {
        telemetry.instrument(router);
      }
      router.get("/hello").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end(BODY));
      return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }
  }
}
