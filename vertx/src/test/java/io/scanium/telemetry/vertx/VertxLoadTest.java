package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Many concurrent requests from a real Vert.x WebClient: every one counted exactly once under its route and status,
 * nothing left in flight, and Vert.x's blocked-thread checker, set to a 250 ms limit (a tenth of its default), never
 * complains.
 */
class VertxLoadTest extends VertxTestBase {

  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
  private static final long LIMIT_MS = 250;

  private final List<String> blockedWarnings = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> logbackCapture = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder sb = new StringBuilder(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        for (var frame : event.getThrowableProxy().getStackTraceElementProxyArray()) {
          sb.append("\n  ").append(frame.getSTEAsString());
        }
      }
      blockedWarnings.add(sb.toString());
    }
  };
  private final Handler julCapture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      blockedWarnings.add(String.valueOf(record.getMessage()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /**
   * Whether a checker warning shows the event loop waiting rather than computing: its innermost frame parks, sleeps,
   * waits on a monitor, or does socket or file I/O.
   */
  /** The N of "has been blocked for N ms", or the largest value when the warning does not say. */
  static long blockedMillis(String warning) {
    Matcher m = Pattern.compile("blocked for (\\d+) ms").matcher(warning);
    return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  static boolean waiting(String warning) {
    String[] lines = warning.split("\n");
    if (lines.length < 2) {
      return false;
    }
    String top = lines[1].trim();
    return top.contains("Unsafe.park") || top.contains("Thread.sleep") || top.contains("Object.wait")
        || top.contains("sun.nio.ch.") || top.contains("java.net.") || top.contains("FileOutputStream.write")
        || top.contains("FileInputStream.read") || top.contains("FileDispatcherImpl");
  }

  @BeforeEach
  void captureBlockedThreadWarnings() {
    // Vert.x logs through SLF4J when a provider is present (Logback here), else through JUL: listen to both.
    ch.qos.logback.classic.Logger logger =
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(CHECKER);
    logger.setLevel(Level.WARN);
    logbackCapture.setContext(logger.getLoggerContext());
    logbackCapture.start();
    logger.addAppender(logbackCapture);
    java.util.logging.Logger.getLogger(CHECKER).addHandler(julCapture);
  }

  @AfterEach
  void stopCapture() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(CHECKER).detachAppender(logbackCapture);
    java.util.logging.Logger.getLogger(CHECKER).removeHandler(julCapture);
  }

  @Override
  protected VertxOptions vertxOptions() {
    return super.vertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4).setBlockedThreadCheckInterval(20)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS).setMaxEventLoopExecuteTime(LIMIT_MS)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(LIMIT_MS).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
  }

  @Test
  void theCheckerWarningsAreCapturedWhenAnEventLoopReallyBlocks() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/block").handler(ctx -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIMIT_MS * 4);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      ctx.response().end();
    });
    URI base = serve(router);
    assertThat(get(base, "/block").statusCode()).isEqualTo(200);
    assertThat(Await.until(() -> blockedWarnings.stream().anyMatch(w -> w.contains("blocked"))))
        .as("the capture sees the checker's warning for a handler that blocks its event loop").isTrue();
    // The checker decides "blocked" first and takes the stack after: near the end of the 4-limit loop, on a busy
    // machine, that stack can already be the event loop's idle select. Earlier warnings cannot be.
    assertThat(blockedWarnings).as("the busy loop computes, it does not wait")
        .filteredOn(w -> blockedMillis(w) < LIMIT_MS * 3).isNotEmpty().noneMatch(VertxLoadTest::waiting);
  }

  @Test
  void concurrentRequestsAreCountedExactlyAndTheEventLoopIsNeverBlocked() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    router.get("/ok").handler(ctx -> ctx.response().end("ok"));
    router.get("/items/:id").handler(ctx -> vertx.setTimer(1, t -> ctx.response().end(ctx.pathParam("id"))));
    router.get("/blocking/:id").handler(ctx -> vertx.executeBlocking(() -> ctx.pathParam("id"))
        .onComplete(r -> ctx.response().end(r.result())));
    router.get("/exception").handler(ctx -> {
      throw new IllegalStateException("load failure");
    });
    URI base = serve(router);

    Vertx clientVertx = Vertx.vertx();
    SchedulingCanary canary = null;
    try {
      WebClient web = WebClient.wrap(clientVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(base.getPort()), new PoolOptions().setHttp1MaxSize(8)));
      String[] paths = {"/ok", "/items/%d", "/blocking/%d", "/exception", "/missing/%d"};
      int[] expectedStatus = {200, 200, 200, 500, 404};
      // The first request of each kind loads and initialises classes (the SDK's, Prometheus', Vert.x Web's) on the
      // event loop, which on a busy two-core machine can exceed the limit once; that is start-up, not load.
      for (int p = 0; p < paths.length; p++) {
        assertThat(Await.result(web.get(String.format(paths[p], 0)).send()).statusCode()).isEqualTo(expectedStatus[p]);
      }
      blockedWarnings.clear();
      canary = SchedulingCanary.start();

      int rounds = 300;
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 1; i <= rounds; i++) {
        for (int p = 0; p < paths.length; p++) {
          int expected = expectedStatus[p];
          calls.add(web.get(String.format(paths[p], i)).send().map(r -> r.statusCode() == expected ? 1 : 0));
        }
      }
      List<Integer> results = Await.result(Future.all(calls).map(all -> all.<Integer>list()));
      assertThat(results).hasSize(rounds * paths.length).containsOnly(1);

      int each = rounds + 1;
      assertRequests("GET", "/ok", "200", each);
      assertRequests("GET", "/items/{id}", "200", each);
      assertRequests("GET", "/blocking/{id}", "200", each);
      assertRequests("GET", "/exception", "500", each);
      assertRequests("GET", "__unmatched__", "404", each);
      assertThat(scrape().value("scanium_http_requests_total", Map.of())).isEqualTo(each * paths.length);
      assertThat(scrape().value("scanium_http_request_duration_ms_count", Map.of()))
          .isEqualTo(each * paths.length);
      assertThat(scrape().value("scanium_http_requests_in_flight", Map.of())).isZero();
      assertThat(scrape().labelValues("scanium_http_requests_total", "route"))
          .containsExactlyInAnyOrder("/ok", "/items/{id}", "/blocking/{id}", "/exception", "__unmatched__");
    } finally {
      if (canary != null) {
        canary.close();
      }
      Await.result(clientVertx.close());
    }
    assertThat(blockedWarnings).as("blocked-thread checker warnings showing an event loop waiting (I/O, lock, sleep)")
        .noneMatch(VertxLoadTest::waiting);
    if (canary.maxLatenessMillis() < LIMIT_MS / 2) {
      assertThat(blockedWarnings).as("blocked-thread checker warnings").isEmpty();
    } else {
      // The machine itself kept runnable threads waiting for a core longer than half the limit: the checker's
      // wall-clock measure then flags whatever the event loop was computing. Only the check above is meaningful.
      System.err.println("[VertxLoadTest] machine overloaded (a thread waited " + canary.maxLatenessMillis()
          + " ms for a core); " + blockedWarnings.size() + " checker warning(s) caused by starvation, none waiting.");
    }
  }
}
