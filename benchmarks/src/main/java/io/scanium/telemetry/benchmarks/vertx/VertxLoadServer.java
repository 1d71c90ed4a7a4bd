package io.scanium.telemetry.benchmarks.vertx;

import ch.qos.logback.classic.Level;
import io.opentelemetry.sdk.testing.context.SettableContextStorageProvider;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.benchmarks.LoadModes;
import io.scanium.telemetry.vertx.ScaniumVertxTelemetry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x 5 Web hello-world router for load runs with wrk ({@code benchmarks/load/http-wrk.sh vertx}), with
 * {@code instrument(router)} and the tracing options, in one of the {@link LoadModes}. Arguments: {@code MODE PORT}
 * (the telemetry configured by the environment). Two verticle instances (one event loop each) share the port on
 * 127.0.0.1, as a Vert.x service on a two-core machine would; prints {@code READY} when serving.
 */
public final class VertxLoadServer {

  private static final Buffer BODY = Buffer.buffer("hello");
  private static final int INSTANCES = 2;

  private VertxLoadServer() {}

  /** Starts the server and serves until killed; the shutdown hook prints the spans the SDK had to drop. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !args[0].matches(LoadModes.PATTERN)) {
      System.err.println("usage: VertxLoadServer none|agent|off|noop|otlp PORT");
      System.exit(2);
    }
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    // Logback's default configuration would print Netty's and Vert.x's DEBUG output during the run.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    ScaniumTelemetry telemetry = LoadModes.install(mode);
    VertxOptions options = new VertxOptions();
    if (telemetry != null) {
      options.setTracingOptions(ScaniumVertxTelemetry.tracingOptions(telemetry));
    }
    Vertx vertx = Vertx.vertx(options);
    ScaniumVertxTelemetry vertxTelemetry = telemetry == null ? null : ScaniumVertxTelemetry.create(telemetry);
    vertx.deployVerticle(() -> new Hello(vertxTelemetry, port), new DeploymentOptions().setInstances(INSTANCES))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    ScaniumTelemetry installed = telemetry;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (installed != null) {
        System.err.println(LoadModes.summary(installed));
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
