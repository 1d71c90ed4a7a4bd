package io.scanium.telemetry.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.Problem;
import io.scanium.telemetry.TelemetryConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per validation rule, each with the exact message, from Map-based configuration only. */
class ConfigValidatorTest {

  static final Map<String, String> VALID = Map.of(
      "OTEL_SERVICE_NAME", "checkout",
      "OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4318");

  private static ResolvedConfig resolve(Map<String, String> env) {
    return resolve(env, Map.of());
  }

  private static ResolvedConfig resolve(Map<String, String> env, Map<String, String> props) {
    return ConfigValidator.resolve(ConfigSource.of(env, props, Map.of()), ContainerDetector.NONE);
  }

  static Map<String, String> valid(String... keyValues) {
    Map<String, String> m = new HashMap<>(VALID);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        m.remove(keyValues[i]);
      } else {
        m.put(keyValues[i], keyValues[i + 1]);
      }
    }
    return m;
  }

  private static List<Problem> problems(Map<String, String> env) {
    return problems(env, ConfigValidatorTest::resolve);
  }

  /** The problems {@code resolve} finds in {@code env}; fails when it finds none. */
  static List<Problem> problems(Map<String, String> env, Consumer<Map<String, String>> resolve) {
    try {
      resolve.accept(env);
    } catch (TelemetryConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected a TelemetryConfigurationException for " + env);
  }

  private static Problem single(Map<String, String> env) {
    List<Problem> p = problems(env);
    assertThat(p).as("problems for %s", env).hasSize(1);
    return p.get(0);
  }

  @Test
  void validConfigurationResolvesEveryUrl() {
    ResolvedConfig c = resolve(VALID);
    assertThat(c.signals().get(Signal.TRACES).url()).contains("http://alloy:4318/v1/traces");
    assertThat(c.signals().get(Signal.LOGS).url()).contains("http://alloy:4318/v1/logs");
    assertThat(c.signals().get(Signal.METRICS).exported()).as("metrics are scraped, not pushed").isFalse();
    assertThat(c.serviceName()).isEqualTo("checkout");
    assertThat(c.metricsPort()).isEqualTo(9464);
    assertThat(c.metricsHost()).isEqualTo("0.0.0.0");
    assertThat(c.metricsPath()).isEqualTo("/metrics");
    assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.openTelemetryProperties()).containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.exporter.otlp.endpoint", "http://alloy:4318");
  }

  @Test
  void missingEndpointIsRefusedWithContainerExplanation() {
    Map<String, String> env = valid("OTEL_EXPORTER_OTLP_ENDPOINT", null);
    List<Problem> p = problems(env);
    assertThat(p).extracting(Problem::variable).containsExactly("OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_ENDPOINT");
    Problem traces = p.get(0);
    assertThat(traces.value()).isEqualTo("not set");
    assertThat(traces.problem()).isEqualTo("no OTLP endpoint for traces (OTEL_TRACES_EXPORTER includes otlp), so the"
        + " exporter would fall back to its default http://localhost:4318/v1/traces. Inside a container, localhost is"
        + " the container itself: nothing listens there, and every one of your spans would be dropped without a"
        + " word.");
    assertThat(traces.fix()).isEqualTo("set OTEL_EXPORTER_OTLP_ENDPOINT to your collector's OTLP/HTTP address, e.g."
        + " http://alloy:4318 (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT for traces only). For local development with a"
        + " collector on this machine set SCANIUM_LOCAL_DEVELOPMENT=true. To send no traces, set"
        + " OTEL_TRACES_EXPORTER=none.");
    assertThat(p.get(1).problem()).contains("no OTLP endpoint for logs").contains("log records would be dropped");
  }

  @Test
  void pushedMetricsFollowTheRulesOfTheOtherSignals() {
    ResolvedConfig c = resolve(valid("OTEL_METRICS_EXPORTER", "otlp"));
    assertThat(c.signals().get(Signal.METRICS).url()).contains("http://alloy:4318/v1/metrics");
    assertThat(c.openTelemetryProperties()).as("what autoconfigure builds the metric exporter from")
        .containsEntry("otel.exporter.otlp.metrics.endpoint", "http://alloy:4318/v1/metrics");
    assertThat(problems(valid("OTEL_METRICS_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT", null,
        "OTEL_TRACES_EXPORTER", "none", "OTEL_LOGS_EXPORTER", "none")))
        .singleElement().satisfies(p -> assertThat(p.problem()).startsWith("no OTLP endpoint for metrics")
            .contains("metric points would be dropped"));
    assertThat(single(valid("OTEL_METRICS_EXPORTER", "otlp", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "http://mimir:8080/")).problem()).contains("metrics would be POSTed to the collector's root path");
    Problem interval = single(valid("OTEL_METRICS_EXPORTER", "otlp", "OTEL_METRIC_EXPORT_INTERVAL", "often"));
    assertThat(interval.variable()).isEqualTo("OTEL_METRIC_EXPORT_INTERVAL");
    assertThat(interval.problem()).isEqualTo("not a timeout.");
  }

  @Test
  void localDevelopmentAcceptsTheDefault() {
    ResolvedConfig c = resolve(valid("OTEL_EXPORTER_OTLP_ENDPOINT", null, "SCANIUM_LOCAL_DEVELOPMENT", "true"));
    assertThat(c.signals().get(Signal.TRACES).url()).contains("http://localhost:4318/v1/traces");
    assertThat(c.signals().get(Signal.TRACES).endpointValue()).isEmpty();
    assertThat(c.warnings()).anyMatch(w -> w.contains("SCANIUM_LOCAL_DEVELOPMENT=true"));
  }

  @Test
  void signalSpecificEndpointCoversItsSignalOnly() {
    List<Problem> p = problems(valid("OTEL_EXPORTER_OTLP_ENDPOINT", null,
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces"));
    assertThat(p).singleElement().satisfies(x -> assertThat(x.problem()).contains("no OTLP endpoint for logs"));
  }

  @Test
  void exporterNoneNeedsNoEndpoint() {
    ResolvedConfig c = resolve(valid("OTEL_EXPORTER_OTLP_ENDPOINT", null, "OTEL_TRACES_EXPORTER", "none",
        "OTEL_LOGS_EXPORTER", "none"));
    assertThat(c.signals().get(Signal.TRACES).exported()).isFalse();
  }

  @Test
  void sdkDisabledSkipsEveryOtlpRule() {
    ResolvedConfig c = resolve(Map.of("OTEL_SERVICE_NAME", "checkout", "OTEL_SDK_DISABLED", "true",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));
    assertThat(c.sdkDisabled()).isTrue();
    assertThat(c.signals().get(Signal.TRACES).exported()).isFalse();
  }

  @Test
  void endpointMustBeHttpUrl() {
    Problem p = single(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "alloy:4318"));
    assertThat(p.variable()).isEqualTo("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(p.value()).isEqualTo("\"alloy:4318\" (environment variable)");
    assertThat(p.problem()).isEqualTo("not an http(s) URL (scheme alloy).");
    assertThat(p.fix()).isEqualTo("write it with its scheme: http://alloy:4318 (or https://).");

    Problem noScheme = single(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "//alloy:4318"));
    assertThat(noScheme.problem()).isEqualTo("not an http(s) URL (no scheme).");
  }

  @Test
  void endpointMustNotHaveQueryOrFragment() {
    Problem q = single(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4318?token=x"));
    assertThat(q.problem()).isEqualTo("the URL has a query, which the exporter would send as is to the collector.");
    assertThat(q.fix()).isEqualTo("remove everything from the '?' on; put credentials in OTEL_EXPORTER_OTLP_HEADERS.");
    Problem f = single(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4318#x"));
    assertThat(f.problem()).startsWith("the URL has a fragment");
  }

  @Test
  void genericEndpointMustNotEndInSignalPath() {
    List<Problem> p = problems(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4318/v1/traces"));
    assertThat(p).hasSize(2);
    assertThat(p.get(0).problem()).isEqualTo("the generic OTLP/HTTP endpoint already ends in a signal path; the"
        + " exporter appends /v1/traces again and would POST to http://alloy:4318/v1/traces/v1/traces.");
    assertThat(p.get(0).fix()).isEqualTo("set OTEL_EXPORTER_OTLP_ENDPOINT=http://alloy:4318 (the exporter adds"
        + " /v1/traces, /v1/logs, /v1/metrics), or use OTEL_EXPORTER_OTLP_TRACES_ENDPOINT for a full per-signal URL.");
  }

  @Test
  void signalEndpointWithoutPathIsRefused() {
    Problem p = single(valid("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://loki-gw:4318"));
    assertThat(p.variable()).isEqualTo("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
    assertThat(p.problem()).isEqualTo("a signal-specific OTLP/HTTP endpoint is used exactly as given, so logs would be"
        + " POSTed to the collector's root path, which answers 404.");
    assertThat(p.fix()).isEqualTo("add the path: http://loki-gw:4318/v1/logs, or set"
        + " OTEL_EXPORTER_OTLP_ENDPOINT=http://loki-gw:4318 instead (the exporter appends /v1/logs to it).");
  }

  @Test
  void httpProtobufOnGrpcPortIsRefused() {
    List<Problem> p = problems(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4317"));
    assertThat(p).as("one problem for the generic variable, not one per signal").singleElement().satisfies(x -> {
      assertThat(x.variable()).isEqualTo("OTEL_EXPORTER_OTLP_ENDPOINT");
      assertThat(x.problem()).isEqualTo("port 4317 is the collector's OTLP/gRPC port, but the protocol is"
          + " http/protobuf (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf (default)); the collector would reject every"
          + " export.");
      assertThat(x.fix()).isEqualTo("use the OTLP/HTTP port, usually 4318. If your collector really serves OTLP/HTTP"
          + " on 4317, set SCANIUM_ALLOW_NONSTANDARD_OTLP_PORT=true.");
    });
    assertThat(resolve(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4317",
        "SCANIUM_ALLOW_NONSTANDARD_OTLP_PORT", "true")).signals().get(Signal.TRACES).url())
        .contains("http://alloy:4317/v1/traces");
  }

  @Test
  void grpcIsRefusedClearlyOnceWhateverThePort() {
    List<Problem> p = problems(valid("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));
    assertThat(p).hasSize(1);
    assertThat(p.get(0).variable()).isEqualTo("OTEL_EXPORTER_OTLP_PROTOCOL");
    assertThat(p.get(0).problem()).isEqualTo("OTLP over gRPC needs a gRPC transport (OkHttp or grpc-java), which this"
        + " library deliberately does not put on your classpath; it exports over the JDK HttpClient.");
    assertThat(p.get(0).fix()).isEqualTo("use http/protobuf (the default) with the collector's OTLP/HTTP port,"
        + " usually 4318.");
    for (String port : List.of("4317", "4318")) {
      // The only fix is http/protobuf; a port override would not help, so nothing suggests one.
      List<Problem> onPort = problems(valid("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc",
          "OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:" + port));
      assertThat(onPort).as("problems with grpc on port %s", port).hasSize(1);
      assertThat(onPort.get(0).fix()).as("fix with grpc on port %s", port)
          .doesNotContain("SCANIUM_ALLOW_NONSTANDARD_OTLP_PORT");
    }
  }

  @Test
  void aSignalEndpointWhosePathIsNotTheSignalsIsWarnedAbout() {
    ResolvedConfig mimir = resolve(valid("OTEL_METRICS_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://mimir:8080/otlp"));
    assertThat(mimir.warnings()).as("warnings for a metrics endpoint ending in /otlp")
        .anyMatch(w -> w.startsWith("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT=http://mimir:8080/otlp")
            && w.contains("does not end in /v1/metrics"));
    ResolvedConfig right = resolve(valid("OTEL_METRICS_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://mimir:8080/otlp/v1/metrics"));
    assertThat(right.warnings()).as("warnings for http://mimir:8080/otlp/v1/metrics")
        .noneMatch(w -> w.contains("does not end in"));
  }

  @Test
  void unknownProtocolAndHttpJson() {
    assertThat(single(valid("OTEL_EXPORTER_OTLP_PROTOCOL", "http")).problem()).isEqualTo("unknown OTLP protocol.");
    assertThat(problems(valid("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/json")))
        .extracting(Problem::problem).containsExactly("OpenTelemetry's Java OTLP exporter does not speak http/json.");
  }

  @Test
  void serviceNameIsRequired() {
    Problem p = single(valid("OTEL_SERVICE_NAME", null));
    assertThat(p.variable()).isEqualTo("OTEL_SERVICE_NAME");
    assertThat(p.value()).isEqualTo("not set");
    assertThat(p.problem()).isEqualTo("no service name. OpenTelemetry would report unknown_service:java, and every"
        + " dashboard filter on service_name would miss this service.");
    assertThat(p.fix()).isEqualTo("set OTEL_SERVICE_NAME=<your-service>, or service.name=<your-service> in"
        + " OTEL_RESOURCE_ATTRIBUTES.");
    assertThat(resolve(valid("OTEL_SERVICE_NAME", null, "OTEL_RESOURCE_ATTRIBUTES", "service.name=billing"))
        .serviceName()).isEqualTo("billing");
  }

  @Test
  void deploymentEnvironmentAcceptsBothSpellings() {
    assertThat(resolve(valid("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod")).deploymentEnvironment())
        .isEqualTo("prod");
    assertThat(resolve(valid("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging")).deploymentEnvironment())
        .isEqualTo("staging");
    ResolvedConfig none = resolve(VALID);
    assertThat(none.deploymentEnvironment()).isEqualTo("unknown");
    assertThat(none.warnings()).anyMatch(w -> w.startsWith("No deployment environment"));
  }

  @Test
  void malformedHeadersAreRefusedWithoutShowingSecrets() {
    Problem p = single(valid("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Basic abc,secret-token-xyz"));
    assertThat(p.variable()).isEqualTo("OTEL_EXPORTER_OTLP_HEADERS");
    assertThat(p.value()).isEqualTo("\"authorization=****,****\" (environment variable)");
    assertThat(p.problem()).isEqualTo("malformed header entry number 2 (no '='); values are not shown, they may be"
        + " secrets.");
    assertThat(p.toString() + p.render()).doesNotContain("secret-token-xyz").doesNotContain("Basic abc");
    ResolvedConfig ok = resolve(valid("OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cr3t,x-scope-orgid=t1"));
    assertThat(ok.signals().get(Signal.TRACES).headers()).containsEntry("api-key", "****")
        .containsEntry("x-scope-orgid", "****");
  }

  @Test
  void certificateFilesMustBeReadable(@TempDir Path dir) throws Exception {
    Problem p = single(valid("OTEL_EXPORTER_OTLP_CERTIFICATE", dir.resolve("missing.pem").toString()));
    assertThat(p.variable()).isEqualTo("OTEL_EXPORTER_OTLP_CERTIFICATE");
    assertThat(p.problem()).isEqualTo("no such file.");
    assertThat(p.fix()).isEqualTo("point it at a readable PEM file, or unset it to use the JVM's default trust store.");
    Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    resolve(valid("OTEL_EXPORTER_OTLP_CERTIFICATE", pem.toString()));
    assertThat(problems(valid("OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY", dir.toString())))
        .extracting(Problem::variable).containsExactly("OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY");
  }

  @Test
  void timeoutsMustBeDurations() {
    Problem p = single(valid("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "ten seconds", "OTEL_LOGS_EXPORTER", "none"));
    assertThat(p.variable()).isEqualTo("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT");
    assertThat(p.problem()).isEqualTo("not a timeout.");
    assertThat(p.fix()).isEqualTo("use a whole number of milliseconds, e.g. 10000, or a number with a unit: 10s,"
        + " 500ms.");
    resolve(valid("OTEL_EXPORTER_OTLP_TIMEOUT", "10s"));
    assertThat(single(valid("OTEL_BSP_SCHEDULE_DELAY", "soon")).variable()).isEqualTo("OTEL_BSP_SCHEDULE_DELAY");
    assertThat(single(valid("OTEL_BLRP_MAX_QUEUE_SIZE", "-1")).problem()).isEqualTo("not a positive whole number.");
  }

  @Test
  void metricsPortMustBeNumberOrOff() {
    Problem p = single(valid("SCANIUM_METRICS_PORT", "http"));
    assertThat(p.variable()).isEqualTo("SCANIUM_METRICS_PORT");
    assertThat(p.value()).isEqualTo("\"http\" (environment variable)");
    assertThat(p.problem()).isEqualTo("not a port number.");
    assertThat(p.fix()).isEqualTo("use a number from 1 to 65535 (default 9464), or 0 or off to disable the scrape"
        + " endpoint.");
    assertThat(single(valid("SCANIUM_METRICS_PORT", "70000")).problem()).isEqualTo("not a port number.");
    assertThat(resolve(valid("SCANIUM_METRICS_PORT", "off")).metricsEndpointEnabled()).isFalse();
    assertThat(resolve(valid("SCANIUM_METRICS_PORT", "0")).metricsEndpointEnabled()).isFalse();
  }

  @Test
  void metricsPathMustBeAPath() {
    Problem p = single(valid("SCANIUM_METRICS_PATH", "metrics"));
    assertThat(p.problem()).isEqualTo("not a URL path.");
  }

  @Test
  void unknownScaniumVariableIsRefusedWithSuggestion() {
    Problem p = single(valid("SCANIUM_METRIC_PORT", "9464"));
    assertThat(p.variable()).isEqualTo("SCANIUM_METRIC_PORT");
    assertThat(p.value()).isEqualTo("\"9464\" (environment variable)");
    assertThat(p.problem()).isEqualTo("unknown Scanium setting; a misspelt name would silently keep the default.");
    assertThat(p.fix()).startsWith("did you mean SCANIUM_METRICS_PORT? Known settings: SCANIUM_METRICS_PORT,"
        + " SCANIUM_METRICS_HOST,");
    List<Problem> fromProperty = problemsWithProperties(Map.of("scanium.metrics.prot", "1"));
    assertThat(fromProperty).singleElement().satisfies(x -> {
      assertThat(x.variable()).isEqualTo("scanium.metrics.prot");
      assertThat(x.value()).isEqualTo("\"1\" (system property)");
      assertThat(x.fix()).startsWith("did you mean scanium.metrics.port?");
    });
  }

  private static List<Problem> problemsWithProperties(Map<String, String> props) {
    try {
      resolve(VALID, props);
    } catch (TelemetryConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected a problem");
  }

  @Test
  void booleansAndLevelsAreChecked() {
    assertThat(single(valid("SCANIUM_JVM_METRICS", "yes")).problem()).isEqualTo("not a boolean.");
    assertThat(single(valid("SCANIUM_SERVLET_AUTO_REGISTER", "no")).variable())
        .isEqualTo("SCANIUM_SERVLET_AUTO_REGISTER");
    assertThat(single(valid("SCANIUM_LOGS_LEVEL", "VERBOSE")).fix())
        .isEqualTo("use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF.");
    assertThat(single(valid("SCANIUM_HTTP_MAX_ROUTES", "0")).problem()).isEqualTo("not a positive whole number.");
    assertThat(single(valid("SCANIUM_SHUTDOWN_TIMEOUT", "5 seconds")).problem()).isEqualTo("not a duration.");
    assertThat(resolve(valid("SCANIUM_SHUTDOWN_TIMEOUT", "750ms")).shutdownTimeout()).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void unknownExporterName() {
    Problem p = single(valid("OTEL_TRACES_EXPORTER", "jaeger"));
    assertThat(p.variable()).isEqualTo("OTEL_TRACES_EXPORTER");
    assertThat(p.problem()).isEqualTo("unknown exporter 'jaeger' for traces.");
    assertThat(p.fix()).isEqualTo("use otlp, console, logging or none (comma-separated).");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    TelemetryConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
        TelemetryConfigurationException.class, () -> resolve(Map.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4317",
            "SCANIUM_METRICS_PORT", "nine",
            "SCANIUM_TYPO", "1")));
    assertThat(e.problems()).extracting(Problem::variable).containsExactlyInAnyOrder(
        "SCANIUM_TYPO", "SCANIUM_METRICS_PORT", "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(e.getMessage()).startsWith("Scanium telemetry is misconfigured; nothing was started, so nothing would"
        + " be lost silently. 4 problems:\n  1. ")
        .contains("SCANIUM_METRICS_PORT = \"nine\" (environment variable)\n      problem: not a port number.\n"
            + "      fix:     use a number");
  }

  @Test
  void systemPropertiesWinOverEnvironmentAndAreNamedAsSuch() {
    ResolvedConfig c = resolve(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://alloy:4317"),
        Map.of("otel.exporter.otlp.endpoint", "http://alloy:4318"));
    assertThat(c.signals().get(Signal.TRACES).url()).contains("http://alloy:4318/v1/traces");
    assertThat(c.signals().get(Signal.TRACES).endpointValue().orElseThrow().describe())
        .isEqualTo("otel.exporter.otlp.endpoint=http://alloy:4318 (system property)");
    try {
      resolve(VALID, Map.of("otel.exporter.otlp.endpoint", "alloy"));
      throw new AssertionError("expected a problem");
    } catch (TelemetryConfigurationException e) {
      assertThat(e.problems()).extracting(Problem::variable).containsOnly("otel.exporter.otlp.endpoint");
      assertThat(e.problems()).extracting(Problem::value).containsOnly("\"alloy\" (system property)");
    }
  }

  @Test
  void explicitLocalhostIsAcceptedButWarnedInContainers() {
    ResolvedConfig plain = resolve(valid("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318"));
    assertThat(plain.warnings()).anyMatch(w -> w.startsWith("traces go to OTEL_EXPORTER_OTLP_ENDPOINT="
        + "http://localhost:4318 (environment variable), on this machine."));
    ResolvedConfig container = ConfigValidator.resolve(ConfigSource.of(valid("OTEL_EXPORTER_OTLP_ENDPOINT",
        "http://127.0.0.1:4318"), Map.of(), Map.of()), source -> Optional.of("/.dockerenv exists"));
    assertThat(container.warnings()).anyMatch(w -> w.contains("This process looks containerised (/.dockerenv"
        + " exists): localhost is the container itself, so this only works with a collector in the same container"
        + " or pod (a sidecar)."));
  }

  @Test
  void containerDetectorReadsKubernetesAndDockerenv(@TempDir Path root) throws Exception {
    ContainerDetector fs = ContainerDetector.filesystem(root);
    assertThat(fs.evidence(ConfigSource.of(Map.of(), Map.of(), Map.of()))).isEmpty();
    assertThat(fs.evidence(ConfigSource.of(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), Map.of(), Map.of())))
        .contains("KUBERNETES_SERVICE_HOST is set");
    Files.createDirectories(root.resolve("proc/1"));
    Files.writeString(root.resolve("proc/1/cgroup"), "0::/kubepods/besteffort/pod1\n");
    assertThat(fs.evidence(ConfigSource.of(Map.of(), Map.of(), Map.of()))).contains("/proc/1/cgroup mentions kubepods");
    Files.createFile(root.resolve(".dockerenv"));
    assertThat(fs.evidence(ConfigSource.of(Map.of(), Map.of(), Map.of()))).contains("/.dockerenv exists");
  }
}
