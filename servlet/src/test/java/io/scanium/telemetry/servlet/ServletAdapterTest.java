package io.scanium.telemetry.servlet;

import static io.scanium.telemetry.servlet.Servlets.currentTraceId;
import static io.scanium.telemetry.servlet.Servlets.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.HttpRoutes;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import io.scanium.telemetry.testsupport.TestEnvironment;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the servlet adapter adds to the shared contract, on a real container: async requests, exceptions,
 * disconnecting clients, every route source, exact counts under concurrency, double registration, the metrics
 * servlet and logs carrying the request's trace. Subclassed per container.
 */
abstract class ServletAdapterTest {

  static final String SERVICE = "servlet-adapter";
  static final String ENVIRONMENT = "test";
  static final Duration WAIT = Duration.ofSeconds(20);

  OtlpReceiver receiver;
  ScaniumTelemetry telemetry;
  ServletContainer container;
  URI base;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final ExecutorService workers = Executors.newFixedThreadPool(4);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicReference<Throwable> thrown = new AtomicReference<>();
  final AtomicReference<Throwable> caughtOutside = new AtomicReference<>();

  /** A new, not yet started container. */
  abstract ServletContainer newContainer();

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
    Map<String, String> env = TestEnvironment.exportingTo(receiver.endpoint(), SERVICE, ENVIRONMENT);
    telemetry = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build();
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    try {
      if (container != null) {
        container.close();
      }
    } finally {
      workers.shutdownNow();
      telemetry.close();
      receiver.close();
    }
  }

  URI startApp(ServletContainerInitializer app) throws Exception {
    return startApp("", app);
  }

  URI startApp(String contextPath, ServletContainerInitializer app) throws Exception {
    container = newContainer();
    base = container.start(contextPath, Map.of(), List.of(app));
    return base;
  }

  // ---- async -----------------------------------------------------------------------------------------------

  @Test
  void asyncRequestIsRecordedOnceAtCompletionWithTheTraceOnTheWorkerThread() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      Servlets.add(ctx, "async", (req, resp) -> {
        AsyncContext async = req.startAsync();
        async.start(Context.current().wrap(() -> {
          try {
            if (release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
              respond((HttpServletResponse) async.getResponse(), 201, currentTraceId());
            }
          } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
          } finally {
            async.complete();
          }
        }));
      }, "/async/ok");
    });

    CompletableFuture<HttpResponse<String>> pending = sendAsync("async/ok");
    awaitInFlight(1);
    assertThat(scrape().value("scanium_http_requests_total", Map.of()))
        .as("nothing recorded while the async request is still running").isZero();
    release.countDown();
    HttpResponse<String> response = pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(201);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /async/ok"), WAIT);
    assertThat(response.body()).as("trace id current on the thread that finished the request")
        .isEqualTo(span.traceIdHex());
    assertThat(span.attribute("http.response.status_code")).isEqualTo("201");
    assertRequests("/async/ok", "201", 1);
    assertThat(inFlight()).isZero();
  }

  @Test
  void asyncTimeoutAnsweredByTheApplicationRecordsItsStatus() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      Servlets.add(ctx, "timeout", (req, resp) -> {
        AsyncContext async = req.startAsync();
        async.setTimeout(100);
        async.addListener(new TimeoutAnswer(503));
      }, "/async/timeout");
    });

    HttpResponse<String> response = get("async/timeout");

    assertThat(response.statusCode()).isEqualTo(503);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /async/timeout"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("503");
    assertRequests("/async/timeout", "503", 1);
    assertThat(inFlight()).isZero();
  }

  @Test
  void asyncTimeoutAnsweredByTheContainerRecordsTheStatusTheClientGot() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      Servlets.add(ctx, "timeout", (req, resp) -> req.startAsync().setTimeout(100), "/async/abandoned");
    });

    HttpResponse<String> response = get("async/abandoned");

    int status = response.statusCode();
    assertThat(status).as("the container's answer to an async timeout").isBetween(500, 599);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /async/abandoned"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo(Integer.toString(status));
    assertRequests("/async/abandoned", Integer.toString(status), 1);
    assertThat(scrape().value("scanium_http_requests_total", Map.of())).as("recorded once").isEqualTo(1);
    assertThat(inFlight()).isZero();
  }

  @Test
  void asyncDispatchFromAnotherThreadContinuesTheTrace() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      Servlets.add(ctx, "dispatcher", (req, resp) -> {
        AsyncContext async = req.startAsync();
        CountDownLatch dispatched = new CountDownLatch(1);
        // A plain thread with no context of its own: the dispatch alone must bring the request's trace back.
        workers.execute(() -> {
          async.dispatch("/async/target");
          dispatched.countDown();
        });
        // Return only once dispatch() was called: the container must then run it after this dispatch returns,
        // and the request must not be taken as finished in between.
        try {
          dispatched.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "/async/dispatch");
      Servlets.add(ctx, "target", (req, resp) -> respond(resp, 202, currentTraceId()), "/async/target");
    });

    HttpResponse<String> response = get("async/dispatch");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).hasSize(32).isNotEqualTo("00000000000000000000000000000000");
    assertThat(spansInTrace(response.body())).as("one server span, in the trace current during the dispatch")
        .singleElement().satisfies(s -> assertThat(s.attribute("http.response.status_code")).isEqualTo("202"));
    // The route is the client's: the mapping of the request as it arrived, not of the dispatch target.
    assertRequests("/async/dispatch", "202", 1);
    assertThat(scrape().value("scanium_http_requests_total", Map.of()))
        .as("dispatch and completion count as one request").isEqualTo(1);
    assertThat(inFlight()).isZero();
  }

  // ---- exceptions and broken clients ------------------------------------------------------------------------

  @Test
  void exceptionIsRecordedAs500AndRethrownUnchanged() throws Exception {
    startApp((classes, ctx) -> {
      Filter observing = ScaniumServletTelemetry.create(telemetry).createFilter();
      // Not a lambda: init and destroy have no default before Servlet 4, and the javax module runs this on 3.1.
      Filter outside = new Filter() {
        @Override
        public void init(FilterConfig config) {}

        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
          try {
            observing.doFilter(req, resp, chain);
          } catch (Throwable t) {
            caughtOutside.set(t);
            throw t;
          }
        }

        @Override
        public void destroy() {}
      };
      FilterRegistration.Dynamic reg = ctx.addFilter("outside", outside);
      reg.setAsyncSupported(true);
      reg.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
      Servlets.add(ctx, "failing", (req, resp) -> {
        IllegalArgumentException e = new IllegalArgumentException("servlet failure");
        thrown.set(e);
        throw e;
      }, "/failing");
    });

    assertThat(get("failing").statusCode()).isEqualTo(500);

    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /failing"), WAIT);
    assertThat(span.attribute("http.response.status_code")).isEqualTo("500");
    assertThat(span.attribute("error.type")).as("the status the client received").isEqualTo("500");
    assertRequests("/failing", "500", 1);
    assertThat(caughtOutside.get()).as("the very exception the servlet threw").isNotNull().isSameAs(thrown.get());
  }

  @Test
  void clientDisconnectingMidResponseIsStillRecordedOnce() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      Servlets.add(ctx, "stream", (req, resp) -> {
        resp.setContentType("application/octet-stream");
        byte[] chunk = new byte[16 * 1024];
        ServletOutputStream out = resp.getOutputStream();
        for (int i = 0; i < 4096; i++) {
          out.write(chunk);
        }
      }, "/stream");
    });

    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(64 * 1024);
      assertThat(new String(head, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      // Reset instead of an orderly close: the server's next write fails at once.
      socket.setSoLinger(true, 0);
    }

    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /stream"), WAIT);
    assertThat(span.attribute("http.response.status_code")).as("the status the client received")
        .isEqualTo("200");
    assertThat(span.attribute("error.type")).as("the failed write").isNotNull();
    assertRequests("/stream", "200", 1);
    assertThat(inFlight()).isZero();
  }

  // ---- routes -----------------------------------------------------------------------------------------------

  @Test
  void routeComesFromTheMostSpecificSource() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.builder(telemetry).routes("/declared/items/{id}", "/api-set/{x}/{y}").build()
          .register(ctx);
      Servlets.add(ctx, "api", (req, resp) -> {
        ScaniumServletTelemetry.observation(req).orElseThrow().setRoute("/api-set/things/:thing");
        respond(resp, 200, "api");
      }, "/api-set/*");
      Servlets.add(ctx, "jaxrs", (req, resp) -> {
        req.setAttribute(ScaniumServletTelemetry.ROUTE_ATTRIBUTE, "/jaxrs/items/{id: [0-9]+}");
        respond(resp, 200, "jaxrs");
      }, "/jaxrs/*");
      Servlets.add(ctx, "spring", (req, resp) -> {
        req.setAttribute(ServletRouteResolver.SPRING_BEST_MATCHING_PATTERN, "/orders/{orderId}");
        respond(resp, 200, "spring");
      }, "/spring/*");
      Servlets.add(ctx, "declared", (req, resp) -> respond(resp, 200, "declared"), "/declared/*");
      Servlets.add(ctx, "files", (req, resp) -> respond(resp, 200, "files"), "/files/*");
      Servlets.add(ctx, "exact", (req, resp) -> respond(resp, 200, "exact"), "/health");
      // A servlet on /* takes every other path, like a default servlet: no template.
      Servlets.add(ctx, "catch-all", (req, resp) -> resp.sendError(404), "/*");
    });

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("api-set/things/42", "/api-set/things/{thing}");
    expected.put("jaxrs/items/42", "/jaxrs/items/{id}");
    expected.put("spring/orders/42", "/spring/orders/{orderId}");
    expected.put("declared/items/42", "/declared/items/{id}");
    expected.put("files/a/b.txt", "/files/*");
    expected.put("health", "/health");
    expected.put("unknown/42", HttpRoutes.UNMATCHED);
    for (String path : expected.keySet()) {
      get(path);
    }
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertRequests(e.getValue(), e.getKey().startsWith("unknown") ? "404" : "200", 1);
    }
    assertThat(scrape().labelValues("scanium_http_requests_total", "route"))
        .containsExactlyInAnyOrderElementsOf(expected.values());
    assertThat(scrapeText()).as("no raw path as a label value").doesNotContain("/42").doesNotContain("b.txt");
  }

  @Test
  void contextPathIsPartOfTheRoute() throws Exception {
    startApp("/shop", (classes, ctx) -> {
      ScaniumServletTelemetry.builder(telemetry).routes("/items/{id}").build().register(ctx);
      Servlets.add(ctx, "health", (req, resp) -> respond(resp, 200, "ok"), "/health");
      Servlets.add(ctx, "items", (req, resp) -> respond(resp, 200, "item"), "/items/*");
    });

    assertThat(get("health").statusCode()).isEqualTo(200);
    assertThat(get("items/7").statusCode()).isEqualTo(200);
    assertThat(get("nothing").statusCode()).isEqualTo(404);

    assertRequests("/shop/health", "200", 1);
    assertRequests("/shop/items/{id}", "200", 1);
    assertRequests(HttpRoutes.UNMATCHED, "404", 1);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /shop/items/{id}"), WAIT);
    assertThat(span.attribute("url.path")).isEqualTo("/shop/items/7");
  }

  // ---- volume -----------------------------------------------------------------------------------------------

  @Test
  void concurrentRequestsAreCountedExactly() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.builder(telemetry).routes("/b/{n}").build().register(ctx);
      Servlets.add(ctx, "a", (req, resp) -> respond(resp, 200, "a"), "/a");
      Servlets.add(ctx, "b", (req, resp) -> respond(resp, 200, "b"), "/b/*");
    });
    int threads = 8;
    int perThread = 2_000;
    ExecutorService load = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(load.submit(() -> {
          int ok = 0;
          for (int i = 0; i < perThread; i++) {
            String path = i % 2 == 0 ? "a" : "b/" + (thread * perThread + i);
            if (get(path).statusCode() == 200) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> f : results) {
        assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(perThread);
      }
    } finally {
      load.shutdownNow();
    }

    // The JDK HttpClient resends an idempotent GET once when the server closes a pooled connection under it, so the
    // server may really have served a few more requests than the client counted: each is recorded, and the series
    // must agree with each other exactly.
    int half = threads * perThread / 2;
    Scrape s = scrape();
    for (String route : new String[] {"/a", "/b/{n}"}) {
      Map<String, String> labels = Map.of("route", route, "status_code", "200");
      double served = s.value("scanium_http_requests_total", labels);
      assertThat(served).as("scanium_http_requests_total{route=%s}", route).isBetween((double) half,
          (double) half + threads);
      assertThat(s.value("scanium_http_request_duration_ms_count", labels))
          .as("scanium_http_request_duration_ms_count{route=%s}", route).isEqualTo(served);
    }
    assertThat(inFlight()).isZero();
  }

  // ---- registration -------------------------------------------------------------------------------------------

  @Test
  void aSecondFilterInstanceDoesNotCountTwice() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry servlet = ScaniumServletTelemetry.create(telemetry);
      servlet.register(ctx);
      FilterRegistration.Dynamic second = ctx.addFilter("registered-by-hand", servlet.createFilter());
      second.setAsyncSupported(true);
      second.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), true, "/*");
      Servlets.add(ctx, "ok", (req, resp) -> respond(resp, 200, currentTraceId()), "/ok");
    });

    HttpResponse<String> response = get("ok");

    assertRequests("/ok", "200", 1);
    assertThat(scrape().value("scanium_http_requests_total", Map.of())).isEqualTo(1);
    assertThat(spansInTrace(response.body())).extracting(ReceivedSpan::name).containsExactly("GET /ok");
  }

  @Test
  void metricsServletServesTheRegistryWithContentNegotiation() throws Exception {
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      ctx.addServlet("metrics", ScaniumServletTelemetry.metricsServlet(telemetry)).addMapping("/metrics");
      Servlets.add(ctx, "ok", (req, resp) -> respond(resp, 200, "ok"), "/ok");
    });
    get("ok");
    assertRequests("/ok", "200", 1);

    HttpResponse<String> text = get("metrics");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v.replace(" ", "")).startsWith("text/plain;version=0.0.4"));
    Scrape scraped = Scrape.of(text.body());
    assertThat(scraped.value("scanium_http_requests_total", Map.of("route", "/ok", "status_code", "200")))
        .isEqualTo(1);

    HttpResponse<String> openMetrics = client.send(HttpRequest.newBuilder(base.resolve("metrics"))
        .header("Accept", "application/openmetrics-text; version=1.0.0").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/openmetrics-text"));
    assertThat(openMetrics.body()).contains("scanium_http_requests_total{").endsWith("# EOF\n");
  }

  // ---- logs -------------------------------------------------------------------------------------------------

  @Test
  void logWrittenInTheServletCarriesTheRequestsTrace() throws Exception {
    String message = "inside the servlet " + UUID.randomUUID();
    startApp((classes, ctx) -> {
      ScaniumServletTelemetry.create(telemetry).register(ctx);
      Servlets.add(ctx, "log", (req, resp) -> {
        // An application's logger: the library's own packages (io.scanium.telemetry.*) are never exported.
        LoggerFactory.getLogger("com.example.shop.ItemServlet").info(message);
        respond(resp, 200, currentTraceId());
      }, "/log");
    });

    HttpResponse<String> response = get("log");

    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /log"), WAIT);
    assertThat(response.body()).isEqualTo(span.traceIdHex());
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(message), WAIT);
    assertThat(log.traceIdHex()).isEqualTo(span.traceIdHex());
    assertThat(log.spanIdHex()).isEqualTo(span.spanIdHex());
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Answers an async timeout with a status of the application's choosing. */
  private static final class TimeoutAnswer implements AsyncListener {
    private final int status;

    TimeoutAnswer(int status) {
      this.status = status;
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
      respond((HttpServletResponse) event.getAsyncContext().getResponse(), status, "timed out");
      event.getAsyncContext().complete();
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> sendAsync(String path) {
    return client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).GET().build();
  }

  /** Every span of a trace, once at least one arrived and everything the SDK still held has been exported. */
  List<ReceivedSpan> spansInTrace(String traceId) {
    receiver.awaitSpans(ReceivedSpan.inTrace(traceId), 1, WAIT);
    telemetry.sdk().getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    return receiver.spans().stream().filter(ReceivedSpan.inTrace(traceId)).toList();
  }

  Scrape scrape() {
    return Scrape.of(telemetry.registry());
  }

  String scrapeText() {
    return Scrape.prometheusText(telemetry.registry());
  }

  double inFlight() {
    return scrape().value("scanium_http_requests_in_flight", Map.of());
  }

  void awaitInFlight(double expected) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (inFlight() != expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(inFlight()).as("in-flight requests").isEqualTo(expected);
  }

  /**
   * Asserts the counter and the histogram count of one series, polling: the container may finish the request
   * (and the filter record it) just after the client has read the response.
   */
  void assertRequests(String route, String status, int expected) throws InterruptedException {
    Map<String, String> labels = Map.of("method", "GET", "route", route, "status_code", status,
        "service_name", SERVICE, "deployment_environment", ENVIRONMENT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (scrape().value("scanium_http_requests_total", labels) < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Scrape s = scrape();
    assertThat(s.value("scanium_http_requests_total", labels))
        .as("scanium_http_requests_total%s; series found:\n%s", labels,
            String.join("\n", s.withPrefix("scanium_http_requests_total").keySet()))
        .isEqualTo(expected);
    assertThat(s.value("scanium_http_request_duration_ms_count", labels))
        .as("scanium_http_request_duration_ms_count%s", labels).isEqualTo(expected);
  }
}
