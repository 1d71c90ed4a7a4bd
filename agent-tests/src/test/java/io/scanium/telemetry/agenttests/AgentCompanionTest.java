package io.scanium.telemetry.agenttests;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.FreePort;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the library promises beside the OpenTelemetry Java agent (issue 13), for one application: subclasses name
 * it, and it serves {@link #path} (route {@link #route}), logging {@link #logBodies} per request. The application
 * is started once for the class with {@code -javaagent}, configured by environment variables only, exporting to an
 * {@link OtlpReceiver}; the same application without the agent is started only to compare series.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentCompanionTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REQUESTS = "scanium_http_requests_total";
  private static final String BUCKETS = "scanium_http_request_duration_ms_bucket";
  private static final String DISTRO = "telemetry.distro.name";
  private static final Pattern TRACE_ID = Pattern.compile("trace_id=\"([0-9a-f]{32})\"");
  private static final Pattern SPAN_ID = Pattern.compile("span_id=\"([0-9a-f]{16})\"");
  /** The agent's {@value #DISTRO}, on the resource of everything it exports. */
  private static final String AGENT = "opentelemetry-java-instrumentation";

  private final AtomicInteger requests = new AtomicInteger();
  private OtlpReceiver receiver;
  private RunningApp app;
  private int metricsPort;

  /** The application under test. */
  protected abstract AppLaunch launch();

  /** The route template of {@link #path}. */
  protected String route() {
    return "/users/{id}";
  }

  /** A request path of the route, for one id. */
  protected String path(String id) {
    return "/users/" + id;
  }

  /** The bodies of the log events one request of {@link #path} emits, one record each. */
  protected List<String> logBodies(String id) {
    return List.of("user " + id + " looked up");
  }

  /** Agent settings of this case (such as one of its instrumentations turned off), given to the agent's JVM only. */
  protected Map<String, String> agentSettings() {
    return Map.of();
  }

  /**
   * The instrumentation scope the SERVER span must come from, when the case decides who creates it (the library,
   * where the agent does not instrument the server); null when the agent's span, adopted, is expected.
   */
  protected String serverSpanScope() {
    return null;
  }

  @BeforeAll
  void startWithAgent() throws Exception {
    receiver = OtlpReceiver.start();
    metricsPort = FreePort.pick();
    Map<String, String> environment = new HashMap<>(environment(receiver, metricsPort));
    environment.putAll(agentSettings());
    app = RunningApp.start(launch(), true, environment);
    // Nothing below would prove anything if the agent were not attached: it says so itself.
    app.awaitLineContaining("opentelemetry-javaagent - version: " + AppLaunch.agentVersion(), WAIT);
  }

  /** The application with the agent, started for the class. */
  protected RunningApp app() {
    return app;
  }

  @AfterAll
  void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
    }
  }

  @Test
  void startupReportNamesTheAgentAndItsVersion() {
    assertThat(app.output()).as("startup report of %s", app.name())
        .contains("OpenTelemetry Java agent " + AppLaunch.agentVersion());
  }

  @Test
  void exactlyOneServerSpanPerRequestCarryingTheRouteAndContinuingTraceparent() throws Exception {
    Caller caller = Caller.random();
    String path = sendAndAwaitServerSpan(caller);
    List<ReceivedSpan> spans = Settle.settled("SERVER spans of GET " + path,
        () -> receiver.spans().stream().filter(serverSpanOf(caller, path)).toList());

    List<String> senders = spans.stream().map(s -> sender(s.resourceAttribute(DISTRO))).toList();
    assertThat(spans).as("SERVER spans of GET %s (trace %s): exactly one, the agent's or else the library's"
        + " (sent by: %s)", path, caller.traceId(), senders).hasSize(1);
    ReceivedSpan span = spans.get(0);
    // All at once: which of them fail tells which part of the agent support is missing.
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(span.name()).as("name of the SERVER span of GET %s: %s", path, span).isEqualTo("GET " + route());
    softly.assertThat(span.attribute("http.route")).as("http.route of the SERVER span of GET %s: %s", path, span)
        .isEqualTo(route());
    softly.assertThat(span.traceIdHex()).as("trace of the SERVER span of GET %s: the caller's", path)
        .isEqualTo(caller.traceId());
    softly.assertThat(span.parentSpanIdHex()).as("parent of the SERVER span of GET %s: the caller's span", path)
        .isEqualTo(caller.spanId());
    if (serverSpanScope() != null) {
      softly.assertThat(span.scopeName()).as("instrumentation scope of the SERVER span of GET %s", path)
          .isEqualTo(serverSpanScope());
    }
    softly.assertThat(sender(span.resourceAttribute(DISTRO))).as("exporter of the SERVER span of GET %s: one SDK,"
        + " the agent's", path).isEqualTo(AGENT);
    softly.assertAll();
  }

  @Test
  void exactlyOneLogRecordPerLogEventCarryingTheTraceId() throws Exception {
    Caller caller = Caller.random();
    String id = nextId();
    String path = path(id);
    assertOk(app.get(path, caller.headers()), path);

    List<String> bodies = logBodies(id);
    for (String body : bodies) {
      receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    }
    List<ReceivedLog> logs = Settle.settled("log records of GET " + path,
        () -> receiver.logs().stream().filter(l -> bodies.contains(l.body())).toList());

    for (String body : bodies) {
      List<ReceivedLog> records = logs.stream().filter(l -> body.equals(l.body())).toList();
      assertThat(records).as("log records with body '%s': exactly one per log event (sent by: %s)", body,
          records.stream().map(l -> sender(l.resourceAttribute(DISTRO))).toList()).hasSize(1);
      assertThat(records.get(0).traceIdHex()).as("trace id of the log record '%s': the request's", body)
          .isEqualTo(caller.traceId());
      assertThat(sender(records.get(0).resourceAttribute(DISTRO))).as("exporter of the log record '%s': one SDK,"
          + " the agent's", body).isEqualTo(AGENT);
    }
  }

  @Test
  void httpSeriesAreThoseOfTheSameApplicationWithoutTheAgent() throws Exception {
    List<String> workload = List.of(path("7"), path("8"), path("9"), "/no-such-path");
    SeriesDelta withAgent = SeriesDelta.of(app, metricsPort, () -> send(app, workload), workload.size());

    SeriesDelta withoutAgent;
    try (OtlpReceiver ownReceiver = OtlpReceiver.start()) {
      int ownMetricsPort = FreePort.pick();
      try (RunningApp plain = RunningApp.start(launch(), false, environment(ownReceiver, ownMetricsPort))) {
        withoutAgent = SeriesDelta.of(plain, ownMetricsPort, () -> send(plain, workload), workload.size());
      }
    }

    assertThat(withAgent.series(REQUESTS)).as("%s series (and counts) of %s with the agent, against without",
        REQUESTS, app.name()).isEqualTo(withoutAgent.series(REQUESTS));
    assertThat(withAgent.series(BUCKETS).keySet()).as("%s label sets of %s with the agent, against without",
        BUCKETS, app.name()).isEqualTo(withoutAgent.series(BUCKETS).keySet());
    assertThat(withAgent.infBuckets()).as("%s{le=\"+Inf\"} counts of %s with the agent, against without",
        BUCKETS, app.name()).isEqualTo(withoutAgent.infBuckets());
  }

  @Test
  void neitherTheScrapeNorTheLibrarysOwnExportIsTraced() throws Exception {
    app.scrape(metricsPort);
    app.scrape(metricsPort);
    // A request after the scrapes: once its span arrived and the receiver went quiet, a scrape span would be there.
    sendAndAwaitServerSpan(Caller.random());
    List<ReceivedSpan> spans = Settle.settled("spans of " + app.name(), receiver::spans);

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(spans.stream().filter(this::isScrape).toList())
        .as("spans of the /metrics scrape on port %d (none may exist)", metricsPort).isEmpty();
    softly.assertThat(spans.stream().filter(this::isExport).toList())
        .as("spans of OTLP export requests to the receiver %s (none may exist)", receiver.endpoint()).isEmpty();
    softly.assertAll();
  }

  @Test
  void exemplarsPointAtExportedServerSpans() throws Exception {
    sendAndAwaitServerSpan(Caller.random());

    List<String> exemplars = app.scrapeOpenMetrics(metricsPort).lines()
        .filter(l -> l.startsWith(BUCKETS + "{") && l.contains("route=\"" + route() + "\"") && l.contains(" # {"))
        .toList();
    assertThat(exemplars).as("%s{route=\"%s\"} samples with an exemplar", BUCKETS, route()).isNotEmpty();
    for (String line : exemplars) {
      String exemplar = line.substring(line.indexOf(" # {"));
      Matcher traceId = TRACE_ID.matcher(exemplar);
      Matcher spanId = SPAN_ID.matcher(exemplar);
      assertThat(traceId.find() && spanId.find()).as("trace_id and span_id in the exemplar of %s", line).isTrue();
      receiver.awaitSpan(OtlpReceiver.matching("exported SERVER span " + spanId.group(1) + " of the exemplar " + line,
          s -> s.kind() == SpanKind.SPAN_KIND_SERVER && traceId.group(1).equals(s.traceIdHex())
              && spanId.group(1).equals(s.spanIdHex())), WAIT);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Who exported a span or record, told by its resource: the agent names itself as the distribution. */
  private static String sender(String distribution) {
    return distribution == null ? "an OpenTelemetry SDK without " + DISTRO + " (the library's)" : distribution;
  }

  private Map<String, String> environment(OtlpReceiver to, int scrapePort) {
    return AgentTestEnvironment.exportingTo(to.endpoint(), "agent-tests-" + launch().name(), scrapePort);
  }

  /** GET of a fresh path of the route as {@code caller}; returns the path once a SERVER span of it arrived. */
  private String sendAndAwaitServerSpan(Caller caller) throws Exception {
    String path = path(nextId());
    assertOk(app.get(path, caller.headers()), path);
    receiver.awaitSpan(serverSpanOf(caller, path), WAIT);
    return path;
  }

  private String nextId() {
    return Integer.toString(1000 + requests.incrementAndGet());
  }

  /** The SERVER spans a request may have become: those in the caller's trace, and any other of its path. */
  private static Predicate<ReceivedSpan> serverSpanOf(Caller caller, String path) {
    return OtlpReceiver.matching("SERVER span of GET " + path + " (trace " + caller.traceId() + ")",
        s -> s.kind() == SpanKind.SPAN_KIND_SERVER
            && (caller.traceId().equals(s.traceIdHex()) || path.equals(s.attribute("url.path"))));
  }

  private boolean isScrape(ReceivedSpan span) {
    return "/metrics".equals(span.attribute("url.path")) || "/metrics".equals(span.attribute("http.route"))
        || Integer.toString(metricsPort).equals(span.attribute("server.port")) || span.name().contains("/metrics");
  }

  private boolean isExport(ReceivedSpan span) {
    String url = span.attribute("url.full");
    return (url != null && url.startsWith(receiver.endpoint()))
        || Integer.toString(receiver.port()).equals(span.attribute("server.port"));
  }

  private static void send(RunningApp to, List<String> paths) throws Exception {
    for (String path : paths) {
      to.get(path, Map.of());
    }
  }

  private static void assertOk(HttpResponse<String> response, String path) {
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
  }

  /** The caller's side of a W3C {@code traceparent}: a trace and a span the server must continue. */
  private record Caller(String traceId, String spanId) {

    static Caller random() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      return new Caller(String.format("%016x%016x", random.nextLong(1, Long.MAX_VALUE), random.nextLong()),
          String.format("%016x", random.nextLong(1, Long.MAX_VALUE)));
    }

    Map<String, String> headers() {
      return Map.of("traceparent", "00-" + traceId + "-" + spanId + "-01");
    }
  }
}
