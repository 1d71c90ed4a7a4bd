package io.scanium.telemetry.refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.testsupport.TestEnvironment;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Vert.x application whose class path has the Scanium Vert.x adapter built for the other Vert.x major
 * version (this module's pom pins the application's Vert.x and names the adapter): each of the adapter's entry
 * points refuses, when called, with the version found and the artifact to use; and the adapter's service files,
 * which Vert.x and OpenTelemetry load by themselves, break nothing: the application serves every request, with
 * OpenTelemetry's context working as it does without the adapter, and stderr says once why nothing is instrumented.
 *
 * <p>Shared by the two modules of vertx-refusal-tests, with {@link WrongAdapter}, which makes the calls an
 * application makes to its adapter.
 */
class WrongVertxAdapterTest {

  /** The artifact the refusal must name: the other adapter's. */
  private static final String USE = System.getProperty("scanium.expected.artifact");
  private static final ContextKey<String> ORDER = ContextKey.named("order");

  private static final ByteArrayOutputStream STDERR = new ByteArrayOutputStream();
  private static PrintStream originalErr;

  private OtlpReceiver receiver;
  private ScaniumTelemetry telemetry;
  private Vertx vertx;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void captureStderr() {
    // Before anything loads Vert.x or OpenTelemetry's context, whose service providers write the warning.
    originalErr = System.err;
    System.setErr(new PrintStream(STDERR, true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void restoreStderr() {
    System.setErr(originalErr);
    // Into the test's report, where the surefire output of every other test goes.
    originalErr.print(STDERR.toString(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
    telemetry = ScaniumTelemetry.builder()
        .environment(TestEnvironment.exportingTo(receiver.endpoint(), "refusal-app", "test"))
        .shutdownHook(false).build();
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  }

  @AfterEach
  void stop() throws Exception {
    try {
      await(vertx.close());
    } finally {
      telemetry.close();
      receiver.close();
    }
  }

  private static String expectedRefusal() {
    return "Vert.x " + Vertx.class.getPackage().getImplementationVersion() + " found: use " + USE + " (";
  }

  @Test
  void everyEntryPointRefusesWithTheVersionFoundAndTheArtifactToUse() {
    assertThat(USE).as("system property scanium.expected.artifact").isNotBlank();
    Map<String, Runnable> entryPoints = WrongAdapter.entryPoints(telemetry);
    assertThat(entryPoints).containsOnlyKeys("create", "tracingOptions", "tracerFactory");
    entryPoints.forEach((name, call) -> assertThatThrownBy(call::run).as("ScaniumVertxTelemetry.%s", name)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(expectedRefusal()));
  }

  @Test
  void theApplicationServesEveryRequestWithTheWrongAdapterOnItsClassPath() throws Exception {
    Router router = Router.router(vertx);
    // An application that chose to run uninstrumented rather than not at all.
    assertThatThrownBy(() -> WrongAdapter.entryPoints(telemetry).get("create").run())
        .hasMessageStartingWith(expectedRefusal());
    router.get("/items/:id").handler(ctx -> {
      // The application's own use of OpenTelemetry's context, on an event loop and after asynchronous steps.
      Scope scope = Context.current().with(ORDER, ctx.pathParam("id")).makeCurrent();
      String order = Context.current().get(ORDER);
      scope.close();
      Promise<Void> timer = Promise.promise();
      vertx.setTimer(1, t -> timer.complete());
      timer.future()
          .compose(v -> vertx.executeBlocking(() -> Span.current().getSpanContext().isValid()))
          .onSuccess(valid -> ctx.response().end(order + " " + valid + " " + WrongAdapter.observationPresent()))
          .onFailure(ctx::fail);
    });
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    URI base = URI.create("http://127.0.0.1:" + server.actualPort());

    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/items/" + i))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("status of GET /items/%s", i).isEqualTo(200);
      assertThat(response.body()).as("order, span valid, observation present").isEqualTo(i + " false false");
    }

    assertThat(ContextStorage.get().getClass().getName())
        .as("OpenTelemetry's context storage: the default, not the wrong adapter's").doesNotStartWith("io.scanium");
    assertThat(STDERR.toString(StandardCharsets.UTF_8))
        .as("the one warning of the adapter's service providers")
        .containsOnlyOnce("[scanium-telemetry] WARN vertx: ")
        .contains("[scanium-telemetry] WARN vertx: " + expectedRefusal());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
