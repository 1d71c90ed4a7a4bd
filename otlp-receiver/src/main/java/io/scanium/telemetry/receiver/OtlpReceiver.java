package io.scanium.telemetry.receiver;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A real OTLP/HTTP receiver for tests, listening on the loopback interface.
 *
 * <p>It accepts {@code POST /v1/traces}, {@code /v1/logs} and {@code /v1/metrics} with
 * {@code Content-Type: application/x-protobuf} (optionally gzip-encoded), decodes them with the official
 * {@code opentelemetry-proto} classes, keeps them, and answers as an OTLP collector would. Tests then read the
 * flattened {@link #spans()}, {@link #logs()} and {@link #metrics()}, or wait for them with the {@code await*}
 * methods, which poll against a deadline and fail with a message listing what did arrive.
 *
 * <p>To test how an exporter copes with a broken collector, {@link #respondWith(int)} makes every export fail
 * with an HTTP status (optionally with {@code Retry-After}, {@link #respondWith(int, Duration)}, or for one signal
 * only, {@link #respondWith(Signal, int)}), {@link #hang()} makes every export wait forever and
 * {@link #answerAfter(Duration)} answers each one late; requests are counted in every mode
 * ({@link #requestCount(Signal)}), but only those answered normally are decoded and kept. A collector that is down
 * and comes back is a receiver {@linkplain #start(InetSocketAddress) started} later on the port it was to use.
 *
 * <p>OTLP/JSON ({@code application/json}) is answered with 415: OTLP/JSON writes trace and span ids as hex
 * where protobuf's JSON mapping expects base64, so a generic JSON decoder would silently yield wrong ids.
 *
 * <p>All methods are thread-safe: exporters post from their own threads while the test reads.
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final int MAX_LISTED = 20;
  private static final int MAX_KEPT = 100;
  private static final int HANDLER_THREADS = 4;
  private static final long EXECUTOR_STOP_SECONDS = 2;

  private enum Mode { NORMAL, STATUS, HANG, DELAY }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<Thread> handlerThreads = new ConcurrentLinkedQueue<>();
  private final String endpoint;

  // Everything below is guarded by lock; arrivals signal `changed` so that waiters wake without polling.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ExportTraceServiceRequest> traceRequests = new ArrayList<>();
  private final List<ExportLogsServiceRequest> logRequests = new ArrayList<>();
  private final List<ExportMetricsServiceRequest> metricRequests = new ArrayList<>();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedLog> logs = new ArrayList<>();
  private final List<ReceivedMetric> metrics = new ArrayList<>();
  private final Map<Signal, Integer> requestCounts = new EnumMap<>(Signal.class);
  private final List<String> badRequests = new ArrayList<>();
  private final List<ReceivedRequest> requestHeads = new ArrayList<>();
  private final Set<HttpExchange> hungExchanges = Collections.newSetFromMap(new IdentityHashMap<>());
  private int badRequestCount;
  private long version;
  private Mode mode = Mode.NORMAL;
  private int failureStatus;
  private long retryAfterSeconds = -1;
  private long delayNanos;
  private final Map<Signal, Integer> signalStatus = new EnumMap<>(Signal.class);
  private boolean closed;

  private OtlpReceiver(InetSocketAddress address) throws IOException {
    server = HttpServer.create(address, 0);
    InetSocketAddress bound = server.getAddress();
    endpoint = "http://" + hostForUrl(bound.getAddress()) + ":" + bound.getPort();
    executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("otlp-receiver-" + bound.getPort()));
    server.setExecutor(executor);
    server.createContext("/", new OtlpHttpHandler(this));
    server.start();
  }

  /**
   * Starts a receiver on {@code 127.0.0.1} and a free port, so that parallel tests never collide.
   *
   * @return the running receiver; close it when done
   * @throws UncheckedIOException when no port can be bound
   */
  public static OtlpReceiver start() {
    return start(new InetSocketAddress(loopbackV4(), 0));
  }

  /**
   * Starts a receiver on the given address; port 0 picks a free one.
   *
   * @param address where to listen; keep it on the loopback interface
   * @return the running receiver; close it when done
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static OtlpReceiver start(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    try {
      return new OtlpReceiver(address);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the OTLP receiver on " + address, e);
    }
  }

  /**
   * Returns the base URL, the value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}, to which exporters append the
   * signal paths themselves.
   *
   * @return {@code http://127.0.0.1:PORT}, without a trailing slash
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Returns the full URL of one signal, the value for a per-signal setting such as
   * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or an exporter builder's {@code setEndpoint}.
   *
   * @param signal the signal
   * @return for example {@code http://127.0.0.1:PORT/v1/traces}
   */
  public String endpoint(Signal signal) {
    return endpoint + signal.path();
  }

  /**
   * Returns the port the receiver listens on.
   *
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  // ---------------------------------------------------------------- views

  /**
   * Returns every span decoded so far, in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<ReceivedSpan> spans() {
    return snapshot(spans);
  }

  /**
   * Returns every log record decoded so far, in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<ReceivedLog> logs() {
    return snapshot(logs);
  }

  /**
   * Returns every metric decoded so far, in arrival order; each export of the same instrument is a new entry.
   *
   * @return an immutable snapshot
   */
  public List<ReceivedMetric> metrics() {
    return snapshot(metrics);
  }

  /**
   * Returns the trace export requests decoded so far, for assertions on batching or on the raw messages.
   *
   * @return an immutable snapshot
   */
  public List<ExportTraceServiceRequest> traceRequests() {
    return snapshot(traceRequests);
  }

  /**
   * Returns the log export requests decoded so far.
   *
   * @return an immutable snapshot
   */
  public List<ExportLogsServiceRequest> logRequests() {
    return snapshot(logRequests);
  }

  /**
   * Returns the metric export requests decoded so far.
   *
   * @return an immutable snapshot
   */
  public List<ExportMetricsServiceRequest> metricRequests() {
    return snapshot(metricRequests);
  }

  /**
   * Returns how many POSTs reached the signal's path, whatever the mode and whether or not they decoded, so that
   * tests of retries and of shutdown can count attempts while the receiver is failing them.
   *
   * @param signal the signal
   * @return the number of requests since start or the last {@link #reset()}
   */
  public int requestCount(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    lock.lock();
    try {
      return requestCounts.getOrDefault(signal, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many export requests were refused as malformed (400), of an unsupported type or encoding
   * (415) or too large (413).
   *
   * @return the number of bad requests since start or the last {@link #reset()}
   */
  public int badRequestCount() {
    lock.lock();
    try {
      return badRequestCount;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns why the most recent bad requests were refused, so that a failing test can show the exporter's mistake.
   *
   * @return the messages sent back, oldest first, at most the last 100
   */
  public List<String> badRequests() {
    return snapshot(badRequests);
  }

  /**
   * Returns the heads (path and headers) of the most recent export requests, whatever the receiver answered.
   *
   * @return the requests, oldest first, at most the last 100
   */
  public List<ReceivedRequest> requests() {
    return snapshot(requestHeads);
  }

  // ---------------------------------------------------------------- waiting

  /**
   * Waits until at least {@code minCount} received spans match, signalled by each arrival rather than by sleeping.
   *
   * @param filter which spans count; {@link ReceivedSpan#named} and {@link #matching} describe themselves in the
   *     failure message
   * @param minCount how many must match, at least 1
   * @param timeout how long to wait at most
   * @return all matching spans, in arrival order, once there are enough
   * @throws AssertionError when the deadline passes or the receiver is closed first; the message lists what was
   *     received
   */
  public List<ReceivedSpan> awaitSpans(Predicate<? super ReceivedSpan> filter, int minCount, Duration timeout) {
    return await("span", spans, filter, minCount, timeout);
  }

  /**
   * Waits for one matching span.
   *
   * @param filter which span counts
   * @param timeout how long to wait at most
   * @return the first matching span
   * @throws AssertionError when the deadline passes; the message lists what was received
   */
  public ReceivedSpan awaitSpan(Predicate<? super ReceivedSpan> filter, Duration timeout) {
    return awaitSpans(filter, 1, timeout).get(0);
  }

  /**
   * Waits until at least {@code minCount} received log records match.
   *
   * @param filter which records count; {@link ReceivedLog#withBody} and {@link #matching} describe themselves
   *     in the failure message
   * @param minCount how many must match, at least 1
   * @param timeout how long to wait at most
   * @return all matching records, in arrival order, once there are enough
   * @throws AssertionError when the deadline passes or the receiver is closed first; the message lists what was
   *     received
   */
  public List<ReceivedLog> awaitLogs(Predicate<? super ReceivedLog> filter, int minCount, Duration timeout) {
    return await("log record", logs, filter, minCount, timeout);
  }

  /**
   * Waits for one matching log record.
   *
   * @param filter which record counts
   * @param timeout how long to wait at most
   * @return the first matching record
   * @throws AssertionError when the deadline passes; the message lists what was received
   */
  public ReceivedLog awaitLog(Predicate<? super ReceivedLog> filter, Duration timeout) {
    return awaitLogs(filter, 1, timeout).get(0);
  }

  /**
   * Waits until at least {@code minCount} received metrics match.
   *
   * @param filter which metrics count; {@link ReceivedMetric#named} and {@link #matching} describe themselves in
   *     the failure message
   * @param minCount how many must match, at least 1
   * @param timeout how long to wait at most
   * @return all matching metrics, in arrival order, once there are enough
   * @throws AssertionError when the deadline passes or the receiver is closed first; the message lists what was
   *     received
   */
  public List<ReceivedMetric> awaitMetrics(
      Predicate<? super ReceivedMetric> filter, int minCount, Duration timeout) {
    return await("metric", metrics, filter, minCount, timeout);
  }

  /**
   * Waits for one matching metric.
   *
   * @param filter which metric counts
   * @param timeout how long to wait at most
   * @return the first matching metric
   * @throws AssertionError when the deadline passes; the message lists what was received
   */
  public ReceivedMetric awaitMetric(Predicate<? super ReceivedMetric> filter, Duration timeout) {
    return awaitMetrics(filter, 1, timeout).get(0);
  }

  /**
   * Waits until at least {@code minCount} requests reached the signal's path, in any mode; this is how a test
   * of a failing or hanging collector knows the exporter has tried.
   *
   * @param signal the signal
   * @param minCount how many requests, at least 1
   * @param timeout how long to wait at most
   * @return the request count once it is high enough
   * @throws AssertionError when the deadline passes or the receiver is closed first
   */
  public int awaitRequests(Signal signal, int minCount, Duration timeout) {
    Objects.requireNonNull(signal, "signal");
    checkWaitArguments(minCount, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        int count = requestCounts.getOrDefault(signal, 0);
        if (count >= minCount) {
          return count;
        }
        String expected = "Expected at least " + minCount + " request(s) to " + signal.path() + " within "
            + timeout + ", but " + count + " arrived";
        if (closed) {
          throw new AssertionError(expected + " before the receiver was closed. " + stateLocked());
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(expected + ". " + stateLocked());
        }
        awaitChange(remaining, expected);
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> List<T> await(
      String noun, List<T> received, Predicate<? super T> filter, int minCount, Duration timeout) {
    Objects.requireNonNull(filter, "filter");
    checkWaitArguments(minCount, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<T> snapshot;
      long seen;
      lock.lock();
      try {
        snapshot = List.copyOf(received);
        seen = version;
      } finally {
        lock.unlock();
      }
      // The caller's predicate runs outside the lock, so that a slow one never holds up the exporter's posts.
      List<T> matching = new ArrayList<>();
      for (T item : snapshot) {
        if (filter.test(item)) {
          matching.add(item);
        }
      }
      if (matching.size() >= minCount) {
        return List.copyOf(matching);
      }
      String expected = "Expected at least " + minCount + " " + noun + "(s) matching " + Described.describe(filter)
          + " within " + timeout + ", but " + matching.size() + " matched";
      lock.lock();
      try {
        // The version tells whether anything arrived while the predicate ran, so no signal is missed.
        while (version == seen) {
          if (closed) {
            throw new AssertionError(
                expected + " before the receiver was closed.\n" + receivedLocked(noun, snapshot));
          }
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            throw new AssertionError(expected + ".\n" + receivedLocked(noun, snapshot));
          }
          awaitChange(remaining, expected);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void awaitChange(long remainingNanos, String expected) {
    try {
      changed.awaitNanos(remainingNanos);
    } catch (InterruptedException e) {
      // Keep the interrupt for the caller's framework; an AssertionError keeps await* free of checked exceptions.
      Thread.currentThread().interrupt();
      AssertionError error = new AssertionError(expected + " when the waiting thread was interrupted.");
      error.initCause(e);
      throw error;
    }
  }

  private static void checkWaitArguments(int minCount, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1, was " + minCount);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
  }

  private <T> String receivedLocked(String noun, List<T> received) {
    StringBuilder text = new StringBuilder();
    text.append("Received ").append(received.size()).append(' ').append(noun).append("(s)");
    text.append(received.isEmpty() ? "." : ":");
    for (int i = 0; i < received.size() && i < MAX_LISTED; i++) {
      text.append("\n  - ").append(received.get(i));
    }
    if (received.size() > MAX_LISTED) {
      text.append("\n  ... and ").append(received.size() - MAX_LISTED).append(" more");
    }
    return text.append('\n').append(stateLocked()).toString();
  }

  private String stateLocked() {
    StringBuilder text = new StringBuilder("Requests:");
    for (Signal signal : Signal.values()) {
      text.append(' ').append(signal.path()).append('=').append(requestCounts.getOrDefault(signal, 0));
    }
    text.append(", bad requests=").append(badRequestCount);
    if (!badRequests.isEmpty()) {
      text.append(" (last: ").append(badRequests.get(badRequests.size() - 1)).append(')');
    }
    text.append(", mode: ").append(describeModeLocked());
    signalStatus.forEach((signal, status) -> text.append(", ").append(signal.path()).append(" answered with HTTP ")
        .append(status));
    text.append('.');
    return text.toString();
  }

  private String describeModeLocked() {
    return switch (mode) {
      case NORMAL -> "answering normally";
      case STATUS -> "answering every export with HTTP " + failureStatus
          + (retryAfterSeconds < 0 ? "" : " and Retry-After: " + retryAfterSeconds) + " (respondWith)";
      case HANG -> "never answering exports (hang)";
      case DELAY -> "answering every export after " + TimeUnit.NANOSECONDS.toMillis(delayNanos) + " ms (answerAfter)";
    };
  }

  // ---------------------------------------------------------------- failure modes

  /**
   * Makes every later export request fail with the given status and a short protobuf {@code Status} body, as a
   * collector that is down (503), overloaded (429) or misconfigured (404) would. The requests are counted but not
   * decoded or kept.
   *
   * @param status an HTTP error status, 400 to 599
   * @throws IllegalArgumentException for any other status
   */
  public void respondWith(int status) {
    checkErrorStatus(status);
    lock.lock();
    try {
      mode = Mode.STATUS;
      failureStatus = status;
      retryAfterSeconds = -1;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes every later export request fail with the given status and a {@code Retry-After} header, as a collector
   * that asks its clients to back off (429, 503) would.
   *
   * @param status an HTTP error status, 400 to 599
   * @param retryAfter the delay announced in {@code Retry-After}, in whole seconds
   * @throws IllegalArgumentException for any other status or a negative delay
   */
  public void respondWith(int status, Duration retryAfter) {
    checkErrorStatus(status);
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
    }
    lock.lock();
    try {
      mode = Mode.STATUS;
      failureStatus = status;
      retryAfterSeconds = retryAfter.toSeconds();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes every later export of one signal fail with the given status, whatever the mode, as a collector without
   * a pipeline for that signal (404) would, while the other signals are answered as before.
   *
   * @param signal the failing signal
   * @param status an HTTP error status, 400 to 599
   * @throws IllegalArgumentException for any other status
   */
  public void respondWith(Signal signal, int status) {
    Objects.requireNonNull(signal, "signal");
    checkErrorStatus(status);
    lock.lock();
    try {
      signalStatus.put(signal, status);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes every later export request be answered normally, but only after {@code delay}, as an overloaded
   * collector would; the delay holds one of the receiver's handler threads.
   *
   * @param delay how long each answer waits, more than zero
   * @throws IllegalArgumentException for a zero or negative delay
   */
  public void answerAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isZero() || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be positive, was " + delay);
    }
    lock.lock();
    try {
      mode = Mode.DELAY;
      delayNanos = delay.toNanos();
    } finally {
      lock.unlock();
    }
  }

  private static void checkErrorStatus(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("respondWith needs an HTTP error status (400-599), got " + status);
    }
  }

  /**
   * Makes every later export request be read and then never answered, as a collector stuck behind a dead proxy
   * would; exporters must then rely on their own timeouts. Held requests are released by {@link #close()}.
   */
  public void hang() {
    lock.lock();
    try {
      mode = Mode.HANG;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Restores normal answers after {@link #respondWith}, {@link #hang()} or {@link #answerAfter(Duration)}, for
   * every signal; requests already held stay held until {@link #close()}.
   */
  public void respondNormally() {
    lock.lock();
    try {
      mode = Mode.NORMAL;
      signalStatus.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forgets every request, view and counter, so that one receiver can serve several phases of a test; the mode
   * set by {@link #respondWith(int)} or {@link #hang()} is kept.
   */
  public void reset() {
    lock.lock();
    try {
      traceRequests.clear();
      logRequests.clear();
      metricRequests.clear();
      spans.clear();
      logs.clear();
      metrics.clear();
      requestCounts.clear();
      badRequests.clear();
      requestHeads.clear();
      badRequestCount = 0;
      signalChangeLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the server at once, drops the connections of requests held by {@link #hang()}, stops the handler
   * threads and wakes every waiter. Calling it again does nothing.
   */
  @Override
  public void close() {
    List<HttpExchange> held;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      held = new ArrayList<>(hungExchanges);
      hungExchanges.clear();
      signalChangeLocked();
    } finally {
      lock.unlock();
    }
    server.stop(0);
    for (HttpExchange exchange : held) {
      OtlpHttpHandler.closeQuietly(exchange);
    }
    executor.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXECUTOR_STOP_SECONDS);
    try {
      executor.awaitTermination(EXECUTOR_STOP_SECONDS, TimeUnit.SECONDS);
      joinHandlerThreads(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }


  // ---------------------------------------------------------------- helpers for assertions

  /**
   * Returns bytes as lowercase hex, the form in which the OpenTelemetry API and {@code traceparent} show ids.
   *
   * @param bytes the bytes, such as a trace or span id
   * @return lowercase hex digits, empty for empty or {@code null} bytes
   */
  public static String hex(ByteString bytes) {
    return OtlpValues.hex(bytes);
  }

  /**
   * Returns the string form of an OTLP value: strings as they are, numbers and booleans as Java prints them,
   * bytes as hex, arrays as {@code [a, b]} and maps as {@code {k=v}}, so that assertions compare plain strings.
   *
   * @param value the value
   * @return its string form, or {@code null} when the value is {@code null} or not set
   */
  public static String stringValue(AnyValue value) {
    return OtlpValues.stringValue(value);
  }

  /**
   * Finds an attribute by key in a list of key-values, such as a metric data point's attributes.
   *
   * @param attributes the key-values
   * @param key the key to find
   * @return the {@linkplain #stringValue string form} of the first value with that key, or {@code null}
   */
  public static String attribute(List<KeyValue> attributes, String key) {
    return OtlpValues.attribute(attributes, key);
  }

  /**
   * Gives a predicate a description, which the {@code await*} methods show when they fail, because a lambda
   * cannot say what it was looking for.
   *
   * @param <T> what the predicate tests
   * @param description what the predicate matches, such as {@code "span named 'GET /users'"}
   * @param predicate the predicate
   * @return a predicate that tests the same and prints the description
   */
  public static <T> Predicate<T> matching(String description, Predicate<? super T> predicate) {
    return new Described<>(description, predicate);
  }

  /**
   * Reads the message out of an error response, whose body is an OTLP protobuf {@code google.rpc.Status}.
   *
   * @param responseBody the body of a 4xx or 5xx answer from this receiver
   * @return the status message, or an empty string when the body carries none
   * @throws IllegalArgumentException when the body is not a protobuf {@code Status}
   */
  public static String statusMessage(byte[] responseBody) {
    return OtlpValues.statusMessage(responseBody);
  }

  private void signalChangeLocked() {
    version++;
    changed.signalAll();
  }

  private <T> List<T> snapshot(List<T> list) {
    lock.lock();
    try {
      return List.copyOf(list);
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- what the HTTP handler reports

  /** Counts a request that reached a signal's path and says how to answer it, holding it while the receiver hangs. */
  OtlpHttpHandler.Admission admit(Signal signal, HttpExchange exchange) {
    lock.lock();
    try {
      requestCounts.merge(signal, 1, Integer::sum);
      signalChangeLocked();
      Integer failing = signalStatus.get(signal);
      if (failing != null) {
        return new OtlpHttpHandler.Admission(OtlpHttpHandler.Answer.FAIL, failing, -1, 0);
      }
      return switch (mode) {
        case HANG -> {
          if (closed) {
            yield new OtlpHttpHandler.Admission(OtlpHttpHandler.Answer.DROP, 0, -1, 0);
          }
          hungExchanges.add(exchange);
          yield new OtlpHttpHandler.Admission(OtlpHttpHandler.Answer.HOLD, 0, -1, 0);
        }
        case STATUS -> new OtlpHttpHandler.Admission(OtlpHttpHandler.Answer.FAIL, failureStatus,
            retryAfterSeconds, 0);
        case DELAY -> new OtlpHttpHandler.Admission(OtlpHttpHandler.Answer.DECODE, 0, -1, delayNanos);
        case NORMAL -> new OtlpHttpHandler.Admission(OtlpHttpHandler.Answer.DECODE, 0, -1, 0);
      };
    } finally {
      lock.unlock();
    }
  }

  void store(ExportTraceServiceRequest request) {
    lock.lock();
    try {
      traceRequests.add(request);
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(new ReceivedSpan(resourceSpans.getResource(), scopeSpans.getScope(), span));
          }
        }
      }
      signalChangeLocked();
    } finally {
      lock.unlock();
    }
  }

  void store(ExportLogsServiceRequest request) {
    lock.lock();
    try {
      logRequests.add(request);
      for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          for (LogRecord logRecord : scopeLogs.getLogRecordsList()) {
            logs.add(new ReceivedLog(resourceLogs.getResource(), scopeLogs.getScope(), logRecord));
          }
        }
      }
      signalChangeLocked();
    } finally {
      lock.unlock();
    }
  }

  void store(ExportMetricsServiceRequest request) {
    lock.lock();
    try {
      metricRequests.add(request);
      for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
        for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
          for (Metric metric : scopeMetrics.getMetricsList()) {
            metrics.add(new ReceivedMetric(resourceMetrics.getResource(), scopeMetrics.getScope(), metric));
          }
        }
      }
      signalChangeLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Keeps the head of a request to a signal's path, for {@link #requests()}. */
  void recordHead(ReceivedRequest head) {
    lock.lock();
    try {
      if (requestHeads.size() == MAX_KEPT) {
        requestHeads.remove(0);
      }
      requestHeads.add(head);
    } finally {
      lock.unlock();
    }
  }

  /** Keeps why a request was refused (400, 413, 415), for {@link #badRequests()}. */
  void recordBadRequest(String statusAndMessage) {
    lock.lock();
    try {
      badRequestCount++;
      if (badRequests.size() == MAX_KEPT) {
        badRequests.remove(0);
      }
      badRequests.add(statusAndMessage);
      signalChangeLocked();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- set-up

  private static InetAddress loopbackV4() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a four-byte address is always valid", e);
    }
  }

  private static String hostForUrl(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      // A wildcard bind is reachable through loopback, and a wildcard is no host a client can dial.
      return "127.0.0.1";
    }
    String host = address.getHostAddress();
    if (address instanceof Inet6Address) {
      int scope = host.indexOf('%');
      return "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
    }
    return host;
  }

  private ThreadFactory daemonThreads(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      // Daemon, so that a test that forgets close() does not keep the JVM alive.
      Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      handlerThreads.add(thread);
      return thread;
    };
  }

  /**
   * An executor counts as terminated a moment before its last worker thread has returned from {@code run()};
   * joining the threads makes "closed" mean that no handler thread is left.
   */
  private void joinHandlerThreads(long deadlineNanos) throws InterruptedException {
    for (Thread thread : handlerThreads) {
      long left = deadlineNanos - System.nanoTime();
      if (left > 0) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }
}
