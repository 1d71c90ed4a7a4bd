package io.scanium.telemetry.servlet;

import static io.scanium.telemetry.servlet.Servlets.currentTraceId;
import static io.scanium.telemetry.servlet.Servlets.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drop-in path in this JVM: the initializer, found through {@link ServiceLoader} as containers find it,
 * installs telemetry from system properties ({@code otel.*}, {@code scanium.*}, read by {@code install()} exactly
 * like the variables) and registers the filter; or stays away when told to; or fails the deployment with the
 * validation message. Subclassed per container.
 */
abstract class AutoRegistrationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<String> propertiesSet = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private OtlpReceiver receiver;
  private ServletContainer container;

  /** A new, not yet started container. */
  abstract ServletContainer newContainer();

  @BeforeEach
  void startReceiver() {
    assertThat(ScaniumTelemetry.installed()).as("no telemetry left installed by another test").isEmpty();
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      if (container != null) {
        container.close();
      }
    } finally {
      propertiesSet.forEach(System::clearProperty);
      ScaniumTelemetry.installed().ifPresent(ScaniumTelemetry::close);
      receiver.close();
    }
  }

  @Test
  void dropInInstallsFromTheEnvironmentAndRegistersTheFilter() throws Exception {
    configure(validConfiguration("dropin-service"));

    URI base = start(Map.of(), initializerFromServiceFile(), application());
    HttpResponse<String> response = get(base, "hello");

    assertThat(response.statusCode()).isEqualTo(200);
    ReceivedSpan span = receiver.awaitSpan(ReceivedSpan.named("GET /hello"), WAIT);
    assertThat(span.traceIdHex()).isEqualTo(response.body().substring(0, 32));
    assertThat(span.resourceAttribute("service.name")).isEqualTo("dropin-service");
    assertThat(response.body()).contains(ScaniumServletTelemetry.FILTER_NAME);
    ScaniumTelemetry installed = ScaniumTelemetry.installed().orElseThrow();
    awaitCount(installed, "/hello", 1);

    container.close();
    container = null;
    assertThat(ScaniumTelemetry.installed()).as("closed with the last web application using it").isEmpty();
  }

  @Test
  void contextParameterTurnsAutoRegistrationOff() throws Exception {
    // No OTLP endpoint at all: had the initializer tried to install, the deployment would have failed.
    configure(Map.of("otel.service.name", "off-by-parameter"));

    URI base = start(Map.of(ScaniumServletContainerInitializer.AUTO_REGISTER_PARAMETER, "false"),
        initializerFromServiceFile(), application());
    HttpResponse<String> response = get(base, "hello");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(ScaniumServletTelemetry.FILTER_NAME);
    assertThat(ScaniumTelemetry.installed()).isEmpty();
  }

  @Test
  void variableTurnsAutoRegistrationOff() throws Exception {
    configure(Map.of("otel.service.name", "off-by-variable", "scanium.servlet.auto.register", "false"));

    URI base = start(Map.of(), initializerFromServiceFile(), application());
    HttpResponse<String> response = get(base, "hello");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(ScaniumServletTelemetry.FILTER_NAME);
    assertThat(ScaniumTelemetry.installed()).isEmpty();
  }

  @Test
  void misconfiguredEndpointFailsTheDeploymentWithTheValidationMessage() {
    Map<String, String> props = new LinkedHashMap<>(validConfiguration("misconfigured"));
    props.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:4317");
    configure(props);

    assertThatThrownBy(() -> start(Map.of(), initializerFromServiceFile(), application()))
        .satisfies(e -> assertThat(causes(e)).as("the cause chain of " + e)
            .anySatisfy(c -> assertThat(c).isInstanceOf(TelemetryConfigurationException.class)
                .hasMessageContaining("otel.exporter.otlp.endpoint")
                .hasMessageContaining("port 4317 is the collector's OTLP/gRPC port")));
    assertThat(ScaniumTelemetry.installed()).isEmpty();
  }

  @Test
  void initializerStaysAwayWhenTheApplicationRegisteredTheFilter() throws Exception {
    // No OTLP endpoint in the properties: an install by the initializer would fail the deployment.
    configure(Map.of("otel.service.name", "registered-by-hand"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", "registered-by-hand");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("SCANIUM_METRICS_PORT", "off");
    env.put("SCANIUM_STARTUP_REPORT", "false");
    try (ScaniumTelemetry own = ScaniumTelemetry.builder().environment(env).shutdownHook(false).build()) {
      ServletContainerInitializer byHand = (classes, ctx) -> ScaniumServletTelemetry.create(own).register(ctx);

      URI base = start(Map.of(), byHand, initializerFromServiceFile(), application());
      HttpResponse<String> response = get(base, "hello");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(ScaniumTelemetry.installed()).isEmpty();
      awaitCount(own, "/hello", 1);
      container.close();
      container = null;
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private Map<String, String> validConfiguration(String service) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("otel.service.name", service);
    props.put("otel.exporter.otlp.endpoint", receiver.endpoint());
    props.put("otel.bsp.schedule.delay", "20");
    props.put("scanium.metrics.port", "off");
    props.put("scanium.jvm.metrics", "false");
    props.put("scanium.startup.report", "false");
    return props;
  }

  private void configure(Map<String, String> properties) {
    properties.forEach((k, v) -> {
      propertiesSet.add(k);
      System.setProperty(k, v);
    });
  }

  /** Our initializer as a container finds it: through META-INF/services, not by naming the class. */
  static ServletContainerInitializer initializerFromServiceFile() {
    return ServiceLoader.load(ServletContainerInitializer.class).stream()
        .filter(p -> p.type() == ScaniumServletContainerInitializer.class)
        .map(ServiceLoader.Provider::get)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no META-INF/services entry for the initializer"));
  }

  /** The application: one servlet that answers with the current trace id and the registered filters. */
  static ServletContainerInitializer application() {
    return (classes, ctx) -> Servlets.add(ctx, "hello", (req, resp) -> respond(resp, 200,
        currentTraceId() + " " + new TreeSet<>(req.getServletContext().getFilterRegistrations().keySet())),
        "/hello");
  }

  private URI start(Map<String, String> initParameters, ServletContainerInitializer... initializers)
      throws Exception {
    container = newContainer();
    try {
      return container.start("", initParameters, List.of(initializers));
    } catch (Exception e) {
      container = null;
      throw e;
    }
  }

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitCount(ScaniumTelemetry telemetry, String route, int expected) throws InterruptedException {
    Map<String, String> labels = Map.of("route", route);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (Scrape.of(telemetry.registry()).value("scanium_http_requests_total", labels) < expected
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(Scrape.of(telemetry.registry()).value("scanium_http_requests_total", labels)).isEqualTo(expected);
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> all = new ArrayList<>();
    collect(t, all);
    return all;
  }

  private static void collect(Throwable t, List<Throwable> into) {
    if (t == null || into.contains(t)) {
      return;
    }
    into.add(t);
    collect(t.getCause(), into);
    for (Throwable s : t.getSuppressed()) {
      collect(s, into);
    }
  }
}
