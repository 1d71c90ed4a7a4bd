package io.scanium.telemetry.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Locale;
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
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

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
 * with an HTTP status and {@link #hang()} makes every export wait forever; requests are counted in every mode
 * ({@link #requestCount(Signal)}), but only those answered normally are decoded and kept.
 *
 * <p>OTLP/JSON ({@code application/json}) is answered with 415: OTLP/JSON writes trace and span ids as hex
 * where protobuf's JSON mapping expects base64, so a generic JSON decoder would silently yield wrong ids.
 *
 * <p>All methods are thread-safe: exporters post from their own threads while the test reads.
 */
public final class OtlpReceiver implements AutoCloseable {

    private static final String PROTOBUF = "application/x-protobuf";
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_LISTED = 20;
    private static final int MAX_BAD_REQUESTS_KEPT = 100;
    private static final int HANDLER_THREADS = 4;
    private static final long EXECUTOR_STOP_SECONDS = 2;

    private enum Mode { NORMAL, STATUS, HANG }

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
    private final Set<HttpExchange> hungExchanges = Collections.newSetFromMap(new IdentityHashMap<>());
    private int badRequestCount;
    private long version;
    private Mode mode = Mode.NORMAL;
    private int failureStatus;
    private boolean closed;

    private OtlpReceiver(InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 0);
        InetSocketAddress bound = server.getAddress();
        endpoint = "http://" + hostForUrl(bound.getAddress()) + ":" + bound.getPort();
        executor = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("otlp-receiver-" + bound.getPort()));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
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
            String expected = "Expected at least " + minCount + " " + noun + "(s) matching " + describe(filter)
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
        text.append(", mode: ").append(describeModeLocked()).append('.');
        return text.toString();
    }

    private String describeModeLocked() {
        return switch (mode) {
            case NORMAL -> "answering normally";
            case STATUS -> "answering every export with HTTP " + failureStatus + " (respondWith)";
            case HANG -> "never answering exports (hang)";
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
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("respondWith needs an HTTP error status (400-599), got " + status);
        }
        lock.lock();
        try {
            mode = Mode.STATUS;
            failureStatus = status;
        } finally {
            lock.unlock();
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
     * Restores normal answers after {@link #respondWith(int)} or {@link #hang()}; requests already held stay held
     * until {@link #close()}.
     */
    public void respondNormally() {
        lock.lock();
        try {
            mode = Mode.NORMAL;
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
            closeQuietly(exchange);
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
        if (bytes == null || bytes.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(bytes.size() * 2);
        for (int i = 0; i < bytes.size(); i++) {
            int b = bytes.byteAt(i) & 0xff;
            text.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    /**
     * Returns the string form of an OTLP value: strings as they are, numbers and booleans as Java prints them,
     * bytes as hex, arrays as {@code [a, b]} and maps as {@code {k=v}}, so that assertions compare plain strings.
     *
     * @param value the value
     * @return its string form, or {@code null} when the value is {@code null} or not set
     */
    public static String stringValue(AnyValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> hex(value.getBytesValue());
            case ARRAY_VALUE -> joined(value.getArrayValue().getValuesList(), OtlpReceiver::stringValue, "[", "]");
            case KVLIST_VALUE -> attributesToString(value.getKvlistValue().getValuesList());
            default -> null; // VALUE_NOT_SET, or a kind added by a newer proto on the application's classpath
        };
    }

    /**
     * Finds an attribute by key in a list of key-values, such as a metric data point's attributes.
     *
     * @param attributes the key-values
     * @param key the key to find
     * @return the {@linkplain #stringValue string form} of the first value with that key, or {@code null}
     */
    public static String attribute(List<KeyValue> attributes, String key) {
        Objects.requireNonNull(key, "key");
        for (KeyValue attribute : attributes) {
            if (key.equals(attribute.getKey())) {
                return stringValue(attribute.getValue());
            }
        }
        return null;
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
        return new Described<>(Objects.requireNonNull(description, "description"),
                Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * Reads the message out of an error response, whose body is an OTLP protobuf {@code google.rpc.Status}.
     *
     * @param responseBody the body of a 4xx or 5xx answer from this receiver
     * @return the status message, or an empty string when the body carries none
     * @throws IllegalArgumentException when the body is not a protobuf {@code Status}
     */
    public static String statusMessage(byte[] responseBody) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(responseBody);
            String message = "";
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 2
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    message = in.readString();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
            return message;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a protobuf google.rpc.Status", e);
        }
    }

    static String attributesToString(List<KeyValue> attributes) {
        return joined(attributes, kv -> kv.getKey() + "=" + stringValue(kv.getValue()), "{", "}");
    }

    private static <T> String joined(List<T> items, Function<T, String> format, String open, String close) {
        StringBuilder text = new StringBuilder(open);
        for (int i = 0; i < items.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(format.apply(items.get(i)));
        }
        return text.append(close).toString();
    }

    private static String describe(Predicate<?> filter) {
        if (filter instanceof Described) {
            return filter.toString();
        }
        try {
            // A predicate class that prints itself meaningfully is worth showing; a lambda only prints its class.
            if (filter.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                return filter.toString();
            }
        } catch (NoSuchMethodException e) {
            // Cannot happen for toString; fall through to the generic description.
        }
        return "the given predicate";
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

    // ---------------------------------------------------------------- HTTP handling

    private void handle(HttpExchange exchange) {
        try {
            dispatch(exchange);
        } catch (IOException e) {
            // The client went away or the server is stopping: there is nobody left to answer.
            closeQuietly(exchange);
        } catch (RuntimeException e) {
            // A bug here must reach the exporter as a failure rather than as a silent hang.
            try {
                respondError(exchange, 500, "OTLP receiver failed: " + e);
            } catch (IOException | RuntimeException ignored) {
                closeQuietly(exchange);
            }
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Signal signal = Signal.forPath(path);
        if (signal == null) {
            respondError(exchange, 404,
                    "no OTLP endpoint at " + path + "; the receiver serves /v1/traces, /v1/logs and /v1/metrics");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            respondError(exchange, 405, exchange.getRequestMethod() + " is not allowed on " + path
                    + "; OTLP/HTTP exports use POST");
            return;
        }
        // Read the whole body in every mode, so that a hung or failed request looks fully sent to the client.
        byte[] raw = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);

        Mode currentMode;
        int status;
        lock.lock();
        try {
            requestCounts.merge(signal, 1, Integer::sum);
            signalChangeLocked();
            currentMode = mode;
            status = failureStatus;
            if (currentMode == Mode.HANG && !closed) {
                hungExchanges.add(exchange);
                return;
            }
        } finally {
            lock.unlock();
        }
        switch (currentMode) {
            case HANG -> closeQuietly(exchange); // closed meanwhile: drop it like the others
            case STATUS -> respondError(exchange, status,
                    "OTLP receiver answers every export with HTTP " + status + " (respondWith)");
            case NORMAL -> receive(exchange, signal, raw);
        }
    }

    private void receive(HttpExchange exchange, Signal signal, byte[] raw) throws IOException {
        if (raw == null) {
            rejectBadRequest(exchange, 413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
            return;
        }
        String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
        if ("application/json".equals(contentType)) {
            rejectBadRequest(exchange, 415, "OTLP/JSON is not supported by this test receiver;"
                    + " send Content-Type: " + PROTOBUF);
            return;
        }
        if (!PROTOBUF.equals(contentType)) {
            rejectBadRequest(exchange, 415, "Content-Type must be " + PROTOBUF + ", got "
                    + (contentType.isEmpty() ? "none" : contentType));
            return;
        }
        String encoding = mediaType(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        byte[] body;
        if (encoding.isEmpty() || "identity".equals(encoding)) {
            body = raw;
        } else if ("gzip".equals(encoding)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                body = readAtMost(in, MAX_BODY_BYTES);
            } catch (IOException e) {
                rejectBadRequest(exchange, 400, "body is not valid gzip: " + e.getMessage());
                return;
            }
            if (body == null) {
                rejectBadRequest(exchange, 413, "gzip body inflates beyond " + MAX_BODY_BYTES + " bytes");
                return;
            }
        } else {
            rejectBadRequest(exchange, 415, "Content-Encoding " + encoding + " is not supported; use gzip or none");
            return;
        }

        byte[] response;
        try {
            response = switch (signal) {
                case TRACES -> {
                    store(ExportTraceServiceRequest.parseFrom(body));
                    yield ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                }
                case LOGS -> {
                    store(ExportLogsServiceRequest.parseFrom(body));
                    yield ExportLogsServiceResponse.getDefaultInstance().toByteArray();
                }
                case METRICS -> {
                    store(ExportMetricsServiceRequest.parseFrom(body));
                    yield ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
                }
            };
        } catch (InvalidProtocolBufferException e) {
            rejectBadRequest(exchange, 400, "body of " + signal.path() + " is not a valid OTLP "
                    + requestTypeName(signal) + ": " + e.getMessage());
            return;
        }
        respond(exchange, 200, PROTOBUF, response);
    }

    private static String requestTypeName(Signal signal) {
        return switch (signal) {
            case TRACES -> "ExportTraceServiceRequest";
            case LOGS -> "ExportLogsServiceRequest";
            case METRICS -> "ExportMetricsServiceRequest";
        };
    }

    private void store(ExportTraceServiceRequest request) {
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

    private void store(ExportLogsServiceRequest request) {
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

    private void store(ExportMetricsServiceRequest request) {
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

    private void rejectBadRequest(HttpExchange exchange, int status, String message) throws IOException {
        lock.lock();
        try {
            badRequestCount++;
            if (badRequests.size() == MAX_BAD_REQUESTS_KEPT) {
                badRequests.remove(0);
            }
            badRequests.add(status + " " + message);
            signalChangeLocked();
        } finally {
            lock.unlock();
        }
        respondError(exchange, status, message);
    }

    /** OTLP/HTTP wants a protobuf google.rpc.Status in every error body; exporters log its message. */
    private static void respondError(HttpExchange exchange, int status, String message) throws IOException {
        int code = grpcCode(status);
        int size = CodedOutputStream.computeInt32Size(1, code) + CodedOutputStream.computeStringSize(2, message);
        byte[] body = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(body);
        out.writeInt32(1, code);
        out.writeString(2, message);
        out.checkNoSpaceLeft();
        respond(exchange, status, PROTOBUF, body);
    }

    private static int grpcCode(int httpStatus) {
        // The mapping of the OTLP specification (and gRPC's HTTP mapping) from HTTP status to google.rpc.Code.
        return switch (httpStatus) {
            case 400, 413, 415 -> 3; // INVALID_ARGUMENT
            case 401 -> 16; // UNAUTHENTICATED
            case 403 -> 7; // PERMISSION_DENIED
            case 404 -> 5; // NOT_FOUND
            case 405 -> 12; // UNIMPLEMENTED
            case 429 -> 8; // RESOURCE_EXHAUSTED
            case 500 -> 13; // INTERNAL
            case 502, 503, 504 -> 14; // UNAVAILABLE
            default -> 2; // UNKNOWN
        };
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        // A HEAD answer must not carry a body, and the JDK server rejects writes after announcing none.
        boolean withBody = body.length > 0 && !"HEAD".equals(exchange.getRequestMethod());
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, withBody ? body.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** Returns the stream's bytes, or {@code null} when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(HttpExchange exchange) {
        try {
            exchange.close();
        } catch (RuntimeException e) {
            // The connection is already gone, which is all closing was meant to achieve.
        }
    }

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

    /** A predicate that carries a description for failure messages, and keeps it through and/or/negate. */
    private static final class Described<T> implements Predicate<T> {
        private final String description;
        private final Predicate<? super T> delegate;

        Described(String description, Predicate<? super T> delegate) {
            this.description = description;
            this.delegate = delegate;
        }

        @Override
        public boolean test(T t) {
            return delegate.test(t);
        }

        @Override
        public Predicate<T> and(Predicate<? super T> other) {
            Objects.requireNonNull(other, "other");
            return new Described<>(description + " and " + describe(other), t -> test(t) && other.test(t));
        }

        @Override
        public Predicate<T> or(Predicate<? super T> other) {
            Objects.requireNonNull(other, "other");
            return new Described<>("(" + description + " or " + describe(other) + ")", t -> test(t) || other.test(t));
        }

        @Override
        public Predicate<T> negate() {
            return new Described<>("not " + description, t -> !test(t));
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
