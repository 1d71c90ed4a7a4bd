package io.scanium.telemetry.agenttests;

import com.example.agentapps.Users;
import io.scanium.telemetry.testsupport.ChildJvm;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A test application running in a child JVM, with or without the OpenTelemetry Java agent attached. */
final class RunningApp implements AutoCloseable {

  /** Generous: an agent-instrumented Spring Boot start on a busy two-core machine takes a while. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /** The ready line of this module's applications, and of the Spring Boot test applications too. */
  private static final String READY = Users.READY;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final AtomicInteger STARTED = new AtomicInteger();

  private final AppLaunch launch;
  private final String label;
  private final ChildJvm jvm;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private int port;

  private RunningApp(AppLaunch launch, boolean agent, ChildJvm jvm) {
    this.launch = launch;
    this.label = String.format("%02d-%s-%s", STARTED.incrementAndGet(), launch.name(), agent ? "agent" : "plain");
    this.jvm = jvm;
  }

  /**
   * Starts the application with exactly {@code environment} (plus the launch's own variables), the agent attached
   * when {@code agent}; does not wait for it.
   */
  static RunningApp launch(AppLaunch launch, boolean agent, Map<String, String> environment) throws IOException {
    List<String> arguments = new ArrayList<>();
    if (agent) {
      arguments.add("-javaagent:" + AppLaunch.agentJar());
    }
    // C1 only: these JVMs live for seconds, and the agent's start is mostly class loading and transformation.
    arguments.add("-XX:TieredStopAtLevel=1");
    arguments.addAll(launch.arguments());
    Map<String, String> all = new HashMap<>(launch.environment());
    all.putAll(environment);
    return new RunningApp(launch, agent, ChildJvm.startJava(arguments, all));
  }

  /** Starts the application and waits until it serves; closes it and fails with its output when it does not. */
  static RunningApp start(AppLaunch launch, boolean agent, Map<String, String> environment) throws Exception {
    RunningApp app = launch(launch, agent, environment);
    try {
      app.port = Integer.parseInt(app.jvm.awaitLine(READY, START_TIMEOUT).substring(READY.length()).trim());
    } catch (AssertionError | RuntimeException e) {
      app.close();
      throw new AssertionError(launch.name() + (agent ? " with" : " without") + " the agent did not start", e);
    }
    return app;
  }

  String name() {
    return launch.name();
  }

  /** GET on the application's port. */
  HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
    return get(URI.create("http://127.0.0.1:" + port + path), headers);
  }

  /** GET {@code /metrics} on a scrape port (the library's or the agent's Prometheus exporter's). */
  HttpResponse<String> scrapeResponse(int scrapePort) throws IOException, InterruptedException {
    return get(URI.create("http://127.0.0.1:" + scrapePort + "/metrics"), Map.of());
  }

  /** The OpenMetrics text of a scrape port, the format that carries exemplars; fails unless it answers 200. */
  String scrapeOpenMetrics(int scrapePort) throws IOException, InterruptedException {
    HttpResponse<String> response = get(URI.create("http://127.0.0.1:" + scrapePort + "/metrics"),
        Map.of("Accept", "application/openmetrics-text; version=1.0.0"));
    if (response.statusCode() != 200) {
      throw new AssertionError("OpenMetrics scrape of port " + scrapePort + " of " + name() + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** The parsed exposition of a scrape port; fails unless it answers 200. */
  Scrape scrape(int scrapePort) throws IOException, InterruptedException {
    HttpResponse<String> response = scrapeResponse(scrapePort);
    if (response.statusCode() != 200) {
      throw new AssertionError("scrape of port " + scrapePort + " of " + name() + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return Scrape.of(response.body());
  }

  private HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits for the first line containing {@code text}. */
  String awaitLineContaining(String text, Duration timeout) throws InterruptedException {
    return jvm.await("line containing '" + text + "'",
        line -> line.contains(text) ? Optional.of(line) : Optional.empty(), timeout);
  }

  /** Waits for the startup report's line {@code key: ...} (the report indents its lines; the key is trimmed). */
  String awaitReportLine(String key, Duration timeout) throws InterruptedException {
    return jvm.await("startup report line '" + key + ":'",
        line -> line.trim().startsWith(key + ":") ? Optional.of(line) : Optional.empty(), timeout);
  }

  /** Waits for the JVM to exit, as an application refusing to start does; its exit status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!jvm.waitFor(timeout)) {
      throw new AssertionError(name() + " should have exited within " + timeout + "; it wrote:\n" + output());
    }
    return jvm.exitValue();
  }

  /** Everything the application wrote so far, stdout and stderr. */
  String output() {
    return jvm.output();
  }

  /** Stops the application, and keeps what it wrote in the build's output for a failure's post-mortem. */
  @Override
  public void close() {
    jvm.close();
    String dir = System.getProperty("scanium.child.output");
    if (dir != null) {
      try {
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, label + ".log"), jvm.output());
      } catch (IOException e) {
        // Only a diagnostic aid: the test's own result stands.
      }
    }
  }
}
