package io.scanium.telemetry.internal.config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.scanium.telemetry.Problem;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.agent.JavaAgent;
import io.scanium.telemetry.internal.scrape.ScrapeProtection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the whole configuration before anything is built or exported, and reports every problem at once.
 *
 * <p>Each rule is one method with one message. The rules exist because of incidents in which telemetry was lost
 * without anybody being told: an OTLP endpoint that silently fell back to localhost inside a container, a
 * protocol aimed at the other protocol's port, a service name left at {@code unknown_service:java} so that every
 * dashboard filter missed, a typo in a variable name that silently kept a default.
 */
public final class ConfigValidator {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT_NAME = AttributeKey.stringKey("deployment.environment.name");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT = AttributeKey.stringKey("deployment.environment");

  /** The value of the {@code deployment_environment} label when no environment is configured. */
  public static final String UNKNOWN_ENVIRONMENT = "unknown";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Set<String> EXPORTERS = Set.of("otlp", "console", "logging", "none");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  private static final String GENERIC_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  private static final String GENERIC_PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
  private static final String HTTP_PROTOBUF = "http/protobuf";
  private static final String GRPC = "grpc";
  private static final String PROMETHEUS = "prometheus";
  private static final Set<String> SAMPLERS = Set.of("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio", "jaeger_remote",
      "parentbased_jaeger_remote", "xray");

  private final ConfigSource source;
  private final ContainerDetector containerDetector;
  private final Optional<JavaAgent> agent;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ConfigValidator(ConfigSource source, ContainerDetector containerDetector, Optional<JavaAgent> agent) {
    this.source = source;
    this.containerDetector = containerDetector;
    this.agent = agent;
  }

  /**
   * Validates and resolves the configuration.
   *
   * @throws TelemetryConfigurationException listing every problem found
   */
  public static ResolvedConfig resolve(ConfigSource source, ContainerDetector containerDetector) {
    return resolve(source, containerDetector, Optional.empty());
  }

  /**
   * Validates and resolves the configuration of a process to which the OpenTelemetry Java agent may be attached.
   * With the agent, {@code source} must be the configuration as the agent sees it
   * ({@link AgentSettings#asSeenByAgent}): the agent exports, so the rules apply to what it will use.
   *
   * @throws TelemetryConfigurationException listing every problem found
   */
  public static ResolvedConfig resolve(ConfigSource source, ContainerDetector containerDetector,
      Optional<JavaAgent> agent) {
    return new ConfigValidator(source, containerDetector, agent).run();
  }

  private ResolvedConfig run() {
    checkScaniumNames();
    int port = metricsPort();
    String host = source.get(Setting.METRICS_HOST).value();
    String path = metricsPath();
    boolean jvm = bool(Setting.JVM_METRICS);
    boolean serviceLabels = bool(Setting.METRICS_SERVICE_LABELS);
    boolean localDev = bool(Setting.LOCAL_DEVELOPMENT);
    boolean nonStandardPorts = bool(Setting.ALLOW_NONSTANDARD_OTLP_PORT);
    boolean global = bool(Setting.REGISTER_GLOBAL);
    Duration shutdown = duration(source.get(Setting.SHUTDOWN_TIMEOUT));
    String probe = oneOf(Setting.STARTUP_PROBE, "off", "warn", "fail");
    ScrapeProtection protection = scrapeProtection(port);
    ConfigValue watchdogValue = source.get(Setting.METRICS_WATCHDOG);
    Duration watchdog = watchdogValue.value().equalsIgnoreCase("off") ? Duration.ZERO : duration(watchdogValue);
    boolean report = bool(Setting.STARTUP_REPORT);
    int maxRoutes = positiveInt(Setting.HTTP_MAX_ROUTES);
    boolean captureQuery = bool(Setting.HTTP_CAPTURE_QUERY);
    List<String> queryRedact = queryRedact();
    boolean logsRequired = bool(Setting.LOGS_REQUIRED);
    String logsLevel = logsLevel();
    // Read by the servlet module's initializer before install; validated here so a typo fails every start.
    bool(Setting.SERVLET_AUTO_REGISTER);
    bool(Setting.METRICS_ACTUATOR);

    Map<String, String> otelProperties = source.openTelemetryProperties();
    ConfigProperties otel = DefaultConfigProperties.createFromMap(otelProperties);
    boolean disabled = sdkDisabled();

    Resource resource = resource(otel);
    String serviceName = serviceName(resource);
    String environment = deploymentEnvironment(resource);

    Map<Signal, SignalPlan> plans = new EnumMap<>(Signal.class);
    for (Signal signal : Signal.values()) {
      plans.put(signal, signalPlan(signal, otel, disabled, localDev, nonStandardPorts));
    }
    Optional<AgentSettings> agentSettings = agent.map(a -> AgentSettings.of(a, source, otel));
    if (agent.isPresent() && !disabled) {
      checkAgentPrometheusPort(plans.get(Signal.METRICS), port);
    }
    if (!disabled) {
      checkBatchSettings();
    }
    ConfigValue sampler = sampler(plans.get(Signal.TRACES));
    if (localDev) {
      warnings.add(Setting.LOCAL_DEVELOPMENT.variable() + "=true: OpenTelemetry's localhost defaults are accepted."
          + " Never set this in a deployed service.");
    }

    if (!problems.isEmpty()) {
      // A generic variable checked for each signal would otherwise be reported once per signal.
      throw new TelemetryConfigurationException(List.copyOf(new LinkedHashSet<>(problems)));
    }
    return new ResolvedConfig(source, otelProperties, disabled, serviceName, serviceNameOrigin(),
        environment, environmentOrigin(resource), plans, port, host, path, jvm, serviceLabels, global, shutdown,
        report, probe, watchdog, protection, maxRoutes, captureQuery, queryRedact, logsRequired, logsLevel, localDev,
        List.copyOf(new LinkedHashSet<>(warnings)),
        agentSettings, sampler);
  }

  // ---- SCANIUM_* settings -------------------------------------------------------------------------------

  private void checkScaniumNames() {
    source.scaniumNames().forEach((name, value) -> {
      if (Setting.byVariable(name).isEmpty()) {
        String suggestion = closestSetting(name)
            .map(s -> "did you mean " + (name.startsWith("scanium.") ? s.systemProperty() : s.variable()) + "? ")
            .orElse("");
        problems.add(Problems.of(value, "unknown Scanium setting; a misspelt name would silently keep the default.",
            suggestion + "Known settings: " + Arrays.toString(Setting.values()).replace("[", "SCANIUM_")
                .replace(", ", ", SCANIUM_").replace("]", "") + "."));
      }
    });
  }

  private static Optional<Setting> closestSetting(String name) {
    String bare = name.toUpperCase(Locale.ROOT).replace('.', '_').replaceFirst("^SCANIUM_", "");
    Setting best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting s : Setting.values()) {
      int d = editDistance(bare, s.name());
      if (d < bestDistance) {
        bestDistance = d;
        best = s;
      }
    }
    return bestDistance <= 3 ? Optional.of(best) : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private int metricsPort() {
    ConfigValue v = source.get(Setting.METRICS_PORT);
    if (v.value().equalsIgnoreCase("off")) {
      return 0;
    }
    try {
      int port = Integer.parseInt(v.value());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      problems.add(Problems.of(v, "not a port number.",
          "use a number from 1 to 65535 (default 9464), or 0 or off to disable the scrape endpoint."));
      return 0;
    }
  }

  private String metricsPath() {
    ConfigValue v = source.get(Setting.METRICS_PATH);
    if (!v.value().startsWith("/") || v.value().matches(".*[\\s?#].*")) {
      problems.add(Problems.of(v, "not a URL path.", "use a path starting with '/', without query or fragment,"
          + " e.g. /metrics."));
    }
    return v.value();
  }

  private boolean bool(Setting setting) {
    ConfigValue v = source.get(setting);
    String s = v.value().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (!s.equals("false")) {
      problems.add(Problems.of(v, "not a boolean.", "use true or false (default " + setting.defaultValue() + ")."));
    }
    return Boolean.parseBoolean(setting.defaultValue()) && !s.equals("false");
  }

  /** Basic auth, a bearer token and TLS for the scrape endpoint; secrets never in a message. */
  private ScrapeProtection scrapeProtection(int scrapePort) {
    Optional<ConfigValue> user = source.explicit(Setting.METRICS_USERNAME.variable());
    Optional<ConfigValue> password = source.explicit(Setting.METRICS_PASSWORD.variable()).map(v -> v.withValue("****"));
    Optional<ConfigValue> token = source.explicit(Setting.METRICS_BEARER_TOKEN.variable())
        .map(v -> v.withValue("****"));
    Optional<ConfigValue> keystore = source.explicit(Setting.METRICS_TLS_KEYSTORE.variable());
    Optional<ConfigValue> keystorePassword = source.explicit(Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable())
        .map(v -> v.withValue("****"));
    int before = problems.size();
    if (user.isPresent() != password.isPresent()) {
      ConfigValue given = user.isPresent() ? user.get() : password.get();
      String missing = user.isPresent() ? Setting.METRICS_PASSWORD.variable() : Setting.METRICS_USERNAME.variable();
      problems.add(Problems.of(given, "basic authentication needs both a user and a password; " + missing
          + " is not set, so the scrape endpoint would be open.", "set " + missing + " too, or neither."));
    }
    if (token.isPresent() && (user.isPresent() || password.isPresent())) {
      problems.add(Problems.of(token.get(), "a bearer token and basic authentication are both configured; a"
          + " scraper sends one Authorization header.", "keep one of them."));
    }
    if (keystorePassword.isPresent() && keystore.isEmpty()) {
      problems.add(Problems.of(keystorePassword.get(), "a keystore password without a keystore would be ignored.",
          "set " + Setting.METRICS_TLS_KEYSTORE.variable() + " to a PKCS#12 keystore, or remove the password."));
    }
    keystore.ifPresent(ks -> checkKeystore(ks, keystorePassword));
    boolean any = user.isPresent() || password.isPresent() || token.isPresent() || keystore.isPresent();
    if (any && scrapePort == 0) {
      warnings.add("the scrape endpoint is off (" + source.get(Setting.METRICS_PORT).describe() + "): its"
          + " authentication and TLS settings are ignored.");
    }
    if (problems.size() > before || !any) {
      return ScrapeProtection.NONE;
    }
    // The real values, read again: the ones above were masked for messages.
    return new ScrapeProtection(user.map(ConfigValue::value).orElse(null),
        source.explicit(Setting.METRICS_PASSWORD.variable()).map(ConfigValue::value).orElse(null),
        source.explicit(Setting.METRICS_BEARER_TOKEN.variable()).map(ConfigValue::value).orElse(null),
        keystore.map(v -> Path.of(v.value())).orElse(null),
        source.explicit(Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable()).map(ConfigValue::value).orElse(null));
  }

  private void checkKeystore(ConfigValue keystore, Optional<ConfigValue> maskedPassword) {
    Path path = Path.of(keystore.value());
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      problems.add(Problems.of(keystore, Files.exists(path) ? "the keystore is not readable by this process."
          : "no such file.", "point it at a readable PKCS#12 keystore (keytool -genkeypair -storetype PKCS12 ...)."));
      return;
    }
    char[] secret = source.explicit(Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable())
        .map(v -> v.value().toCharArray()).orElse(new char[0]);
    try (java.io.InputStream in = Files.newInputStream(path)) {
      java.security.KeyStore.getInstance("PKCS12").load(in, secret);
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      problems.add(Problems.of(maskedPassword.orElse(keystore), "the keystore " + path + " cannot be opened ("
          + e.getMessage() + "); is the password right, and is it PKCS#12?",
          "check " + Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable() + " and the keystore's type."));
    }
  }

  private String oneOf(Setting setting, String... values) {
    ConfigValue v = source.get(setting);
    String value = v.value().toLowerCase(Locale.ROOT);
    if (!Arrays.asList(values).contains(value)) {
      problems.add(Problems.of(v, "not one of " + String.join(", ", values) + ".", "use one of them (default "
          + setting.defaultValue() + ")."));
      return setting.defaultValue();
    }
    return value;
  }

  private int positiveInt(Setting setting) {
    ConfigValue v = source.get(setting);
    try {
      int n = Integer.parseInt(v.value());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(Problems.of(v, "not a positive whole number.", "use a number of at least 1 (default "
        + setting.defaultValue() + ")."));
    return Integer.parseInt(setting.defaultValue());
  }

  private List<String> queryRedact() {
    ConfigValue v = source.get(Setting.HTTP_QUERY_REDACT);
    if (v.value().equalsIgnoreCase("none")) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String name : v.value().split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return List.copyOf(names);
  }

  /**
   * The sampler as configured, checked: a sampler that records nothing exports nothing, while every line of the
   * report would still say where traces go.
   */
  private ConfigValue sampler(SignalPlan traces) {
    ConfigValue v = source.explicit("OTEL_TRACES_SAMPLER")
        .orElse(new ConfigValue("OTEL_TRACES_SAMPLER", "parentbased_always_on", Source.DEFAULT));
    String name = v.value().toLowerCase(Locale.ROOT);
    if (!SAMPLERS.contains(name) && agent.isEmpty()) {
      problems.add(Problems.of(v, "unknown sampler.", "use one of " + String.join(", ", SAMPLERS.stream().sorted()
          .toList()) + " (default parentbased_always_on)."));
      return v;
    }
    Optional<ConfigValue> arg = source.explicit("OTEL_TRACES_SAMPLER_ARG");
    double ratio = 1.0;
    if (name.endsWith("traceidratio") && arg.isPresent()) {
      try {
        ratio = Double.parseDouble(arg.get().value());
      } catch (NumberFormatException e) {
        ratio = -1;
      }
      if (!(ratio >= 0 && ratio <= 1)) {
        problems.add(Problems.of(arg.get(), "not a sampling ratio.", "use a number from 0 to 1, e.g. 0.25."));
      }
    }
    if (traces.exported()) {
      if (name.equals("always_off") || name.endsWith("traceidratio") && ratio == 0) {
        warnings.add(v.describe() + arg.filter(a -> name.endsWith("traceidratio")).map(a -> ", " + a.describe())
            .orElse("") + " samples no trace: no span is exported, although traces go to the collector.");
      } else if (name.equals("parentbased_always_off")) {
        warnings.add(v.describe() + ": only requests whose caller sampled its trace are exported; every trace"
            + " that starts here is dropped.");
      }
    }
    return arg.isPresent() && name.endsWith("traceidratio")
        ? v.withValue(v.value() + ", ratio " + arg.get().value()) : v;
  }

  private String logsLevel() {
    ConfigValue v = source.get(Setting.LOGS_LEVEL);
    String level = v.value().toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      problems.add(Problems.of(v, "not a log level.", "use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF."));
      return Setting.LOGS_LEVEL.defaultValue();
    }
    return level;
  }

  private Duration duration(ConfigValue v) {
    Matcher m = DURATION.matcher(v.value());
    if (!m.matches()) {
      problems.add(Problems.of(v, "not a duration.", "use a whole number of milliseconds, or a number with a unit:"
          + " 500ms, 10s, 1m."));
      return Duration.ofSeconds(5);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        return Duration.ofMillis(n);
    }
  }

  // ---- resource ---------------------------------------------------------------------------------------------

  private boolean sdkDisabled() {
    Optional<ConfigValue> v = source.explicit("OTEL_SDK_DISABLED");
    if (v.isEmpty()) {
      return false;
    }
    String s = v.get().value().toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      problems.add(Problems.of(v.get(), "not a boolean.", "use true (export nothing) or false."));
    }
    return s.equals("true");
  }

  private Resource resource(ConfigProperties otel) {
    try {
      return ResourceConfiguration.createEnvironmentResource(otel);
    } catch (ConfigurationException e) {
      ConfigValue v = source.explicit("OTEL_RESOURCE_ATTRIBUTES")
          .orElse(new ConfigValue("OTEL_RESOURCE_ATTRIBUTES", "", Source.DEFAULT));
      problems.add(Problems.of(v, "malformed resource attributes: " + e.getMessage(),
          "use comma-separated key=value pairs, e.g. deployment.environment.name=prod,service.version=1.2.3."));
      return Resource.empty();
    }
  }

  private String serviceName(Resource resource) {
    String name = resource.getAttribute(SERVICE_NAME);
    if (name == null || name.isBlank() || name.startsWith("unknown_service")) {
      problems.add(Problems.unset("OTEL_SERVICE_NAME",
          "no service name. OpenTelemetry would report unknown_service:java, and every dashboard filter on"
              + " service_name would miss this service.",
          "set OTEL_SERVICE_NAME=<your-service>, or service.name=<your-service> in OTEL_RESOURCE_ATTRIBUTES."));
      return "unknown_service:java";
    }
    return name;
  }

  private String serviceNameOrigin() {
    return source.explicit("OTEL_SERVICE_NAME").map(ConfigValue::describe)
        .orElseGet(() -> source.explicit("OTEL_RESOURCE_ATTRIBUTES").map(v -> v.name() + " (" + v.origin() + ")")
            .orElse("not set"));
  }

  private String deploymentEnvironment(Resource resource) {
    String env = resource.getAttribute(DEPLOYMENT_ENVIRONMENT_NAME);
    if (env == null || env.isBlank()) {
      env = resource.getAttribute(DEPLOYMENT_ENVIRONMENT);
      if (env != null && !env.isBlank()) {
        warnings.add("deployment.environment=" + env + " is the semantic conventions' deprecated key; it is used,"
            + " but backends and dashboards look for deployment.environment.name: write that one in"
            + " OTEL_RESOURCE_ATTRIBUTES.");
      }
    }
    if (env == null || env.isBlank()) {
      warnings.add("No deployment environment: deployment_environment=\"" + UNKNOWN_ENVIRONMENT + "\" on every"
          + " series. Set deployment.environment.name=<env> in OTEL_RESOURCE_ATTRIBUTES for dashboards' $env.");
      return UNKNOWN_ENVIRONMENT;
    }
    return env;
  }

  private String environmentOrigin(Resource resource) {
    if (resource.getAttribute(DEPLOYMENT_ENVIRONMENT_NAME) != null) {
      return "deployment.environment.name in OTEL_RESOURCE_ATTRIBUTES";
    }
    if (resource.getAttribute(DEPLOYMENT_ENVIRONMENT) != null) {
      return "deployment.environment in OTEL_RESOURCE_ATTRIBUTES";
    }
    return "not set";
  }

  // ---- signals ----------------------------------------------------------------------------------------------

  private SignalPlan signalPlan(Signal signal, ConfigProperties otel, boolean disabled, boolean localDev,
      boolean nonStandardPorts) {
    ConfigValue exportersValue = source.get(signal.exporterVariable()).orElseThrow();
    List<String> exporters = new ArrayList<>();
    for (String e : exportersValue.value().split(",")) {
      String name = e.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (agent.isPresent() && signal == Signal.METRICS && name.equals(PROMETHEUS)) {
        // The agent's own Prometheus exporter: it serves, not pushes, so there is no OTLP endpoint to check.
        exporters.add(name);
      } else if (!EXPORTERS.contains(name)) {
        problems.add(Problems.of(exportersValue, "unknown exporter '" + name + "' for " + signal.id() + ".",
            "use otlp, console, logging or none (comma-separated)." + (name.equals(PROMETHEUS)
                ? " The scanium_http_* series and the JVM's are served for Prometheus on "
                    + Setting.METRICS_PORT.variable() + " already; prometheus is an exporter of the OpenTelemetry"
                    + " Java agent, which is not attached." : "")));
      } else {
        exporters.add(name);
      }
    }
    if (disabled) {
      return new SignalPlan(signal, List.of("none"), exportersValue, Optional.empty(), Optional.empty(),
          Optional.empty(), Map.of(), Optional.empty());
    }
    if (!exporters.contains("otlp")) {
      return new SignalPlan(signal, List.copyOf(exporters), exportersValue, Optional.empty(), Optional.empty(),
          Optional.empty(), Map.of(), Optional.empty());
    }

    ConfigValue protocol = protocol(signal);
    Optional<ConfigValue> specific = source.explicit(signal.otlpVariable("ENDPOINT"));
    Optional<ConfigValue> generic = source.explicit(GENERIC_ENDPOINT);
    String url;
    Optional<ConfigValue> endpointValue;
    if (specific.isPresent()) {
      endpointValue = specific;
      url = Redact.url(specific.get().value());
      URI uri = checkUrl(specific.get());
      if (uri != null && protocol.value().equals(HTTP_PROTOBUF) && (uri.getPath() == null
          || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
        problems.add(Problems.of(specific.get(), "a signal-specific OTLP/HTTP endpoint is used exactly as given,"
                + " so " + signal.id() + " would be POSTed to the collector's root path, which answers 404.",
            "add the path: " + stripSlash(url) + signal.httpPath() + ", or set " + GENERIC_ENDPOINT
                + "=" + stripSlash(url) + " instead (the exporter appends " + signal.httpPath() + " to it)."));
      }
      checkPort(uri, specific.get(), protocol, nonStandardPorts);
      warnIfLocalhost(uri, specific.get(), signal);
    } else if (generic.isPresent()) {
      endpointValue = generic;
      URI uri = checkUrl(generic.get());
      url = Redact.url(protocol.value().equals(HTTP_PROTOBUF) ? stripSlash(generic.get().value())
          + signal.httpPath() : generic.get().value());
      if (uri != null && protocol.value().equals(HTTP_PROTOBUF) && uri.getPath() != null
          && uri.getPath().matches(".*/v1/(traces|logs|metrics)/?")) {
        String base = stripSlash(generic.get().shown()).replaceAll("/v1/(traces|logs|metrics)$", "");
        problems.add(Problems.of(generic.get(), "the generic OTLP/HTTP endpoint already ends in a signal path; the"
                + " exporter appends " + signal.httpPath() + " again and would POST to " + url + ".",
            "set " + GENERIC_ENDPOINT + "=" + base + " (the exporter adds /v1/traces, /v1/logs, /v1/metrics), or"
                + " use " + signal.otlpVariable("ENDPOINT") + " for a full per-signal URL."));
      }
      checkPort(uri, generic.get(), protocol, nonStandardPorts);
      warnIfLocalhost(uri, generic.get(), signal);
    } else {
      endpointValue = Optional.empty();
      url = protocol.value().equals(GRPC) ? "http://localhost:4317" : "http://localhost:4318" + signal.httpPath();
      if (!localDev) {
        problems.add(Problems.unset(GENERIC_ENDPOINT,
            "no OTLP endpoint for " + signal.id() + " (" + signal.exporterVariable() + " includes otlp), so the"
                + " exporter would fall back to its default " + url + ". Inside a container, localhost is the"
                + " container itself: nothing listens there, and every one of your " + signal.items()
                + " would be dropped without a word.",
            "set " + GENERIC_ENDPOINT + " to your collector's OTLP/HTTP address, e.g. http://alloy:4318 (or "
                + signal.otlpVariable("ENDPOINT") + " for " + signal.id() + " only). For local development with"
                + " a collector on this machine set " + Setting.LOCAL_DEVELOPMENT.variable() + "=true. To send no "
                + signal.id() + ", set " + signal.exporterVariable() + "=none."));
      }
    }

    checkTimeout("OTEL_EXPORTER_OTLP_TIMEOUT");
    checkTimeout(signal.otlpVariable("TIMEOUT"));
    checkCompression("OTEL_EXPORTER_OTLP_COMPRESSION");
    checkCompression(signal.otlpVariable("COMPRESSION"));
    for (String suffix : List.of("CERTIFICATE", "CLIENT_KEY", "CLIENT_CERTIFICATE")) {
      checkReadableFile("OTEL_EXPORTER_OTLP_" + suffix);
      checkReadableFile(signal.otlpVariable(suffix));
    }
    // As OpenTelemetry's exporter does: the signal's own headers, when given, replace the generic ones.
    Map<String, String> genericHeaders = headers(otel, "OTEL_EXPORTER_OTLP_HEADERS");
    Map<String, String> signalHeaders = headers(otel, signal.otlpVariable("HEADERS"));
    Map<String, String> headers = new LinkedHashMap<>(signalHeaders.isEmpty() ? genericHeaders : signalHeaders);
    ConfigValue timeout = source.explicit(signal.otlpVariable("TIMEOUT"))
        .or(() -> source.explicit("OTEL_EXPORTER_OTLP_TIMEOUT"))
        .orElse(new ConfigValue("OTEL_EXPORTER_OTLP_TIMEOUT", "10000", Source.DEFAULT));
    return new SignalPlan(signal, List.copyOf(exporters), exportersValue, Optional.of(protocol), Optional.of(url),
        endpointValue, Map.copyOf(headers), Optional.of(timeout));
  }

  private ConfigValue protocol(Signal signal) {
    ConfigValue protocol = source.explicit(signal.otlpVariable("PROTOCOL"))
        .orElseGet(() -> source.get(GENERIC_PROTOCOL).orElseThrow());
    switch (protocol.value()) {
      case HTTP_PROTOBUF:
        break;
      case GRPC:
        if (agent.isPresent()) {
          // The agent exports, and it carries its own gRPC transport.
          break;
        }
        problems.add(Problems.of(protocol, "OTLP over gRPC needs a gRPC transport (OkHttp or grpc-java), which this"
                + " library deliberately does not put on your classpath; it exports over the JDK HttpClient.",
            "use " + HTTP_PROTOBUF + " (the default) with the collector's OTLP/HTTP port, usually 4318."));
        break;
      case "http/json":
        problems.add(Problems.of(protocol, "OpenTelemetry's Java OTLP exporter does not speak http/json.",
            "use " + HTTP_PROTOBUF + " (the default); every OTLP/HTTP receiver accepts it."));
        break;
      default:
        problems.add(Problems.of(protocol, "unknown OTLP protocol.", "use " + HTTP_PROTOBUF + "."));
    }
    return protocol;
  }

  private URI checkUrl(ConfigValue v) {
    URI uri;
    try {
      uri = new URI(v.value());
    } catch (URISyntaxException e) {
      problems.add(Problems.of(v, "not a URL (" + e.getReason() + ").", "use an http(s) URL such as"
          + " http://alloy:4318."));
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.add(Problems.of(v, "not an http(s) URL" + (scheme.isEmpty() ? " (no scheme)" : " (scheme "
          + scheme + ")") + ".", "write it with its scheme: http://" + v.shown().replaceFirst("^[a-zA-Z]+://", "")
          .replaceFirst("^//", "") + " (or https://)."));
      return null;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      problems.add(Problems.of(v, "the URL has no host.", "use a URL such as http://alloy:4318."));
      return null;
    }
    if (uri.getRawUserInfo() != null) {
      warnings.add(v.describe() + " carries credentials in the URL; OpenTelemetry's OTLP exporter does not send them"
          + " (the collector sees no credentials). Pass them as a header instead, e.g. "
          + "OTEL_EXPORTER_OTLP_HEADERS=authorization=Basic%20<base64 of user:password>.");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problems.add(Problems.of(v, "the URL has a " + (uri.getRawQuery() != null ? "query" : "fragment")
          + ", which the exporter would send as is to the collector.", "remove everything from the '"
          + (uri.getRawQuery() != null ? "?" : "#") + "' on; put credentials in OTEL_EXPORTER_OTLP_HEADERS."));
    }
    return uri;
  }

  private void checkPort(URI uri, ConfigValue endpoint, ConfigValue protocol, boolean nonStandardPorts) {
    if (uri == null || nonStandardPorts) {
      return;
    }
    int port = uri.getPort();
    if (protocol.value().equals(HTTP_PROTOBUF) && port == 4317) {
      problems.add(Problems.of(endpoint, "port 4317 is the collector's OTLP/gRPC port, but the protocol is "
              + HTTP_PROTOBUF + " (" + protocol.describe() + "); the collector would reject every export.",
          "use the OTLP/HTTP port, usually 4318. If your collector really serves OTLP/HTTP on 4317, set "
              + Setting.ALLOW_NONSTANDARD_OTLP_PORT.variable() + "=true."));
    } else if (protocol.value().equals(GRPC) && port == 4318) {
      problems.add(Problems.of(endpoint, "port 4318 is the collector's OTLP/HTTP port, but the protocol is grpc ("
              + protocol.describe() + ").",
          "use protocol " + HTTP_PROTOBUF + " with port 4318. If your collector really serves gRPC on 4318, set "
              + Setting.ALLOW_NONSTANDARD_OTLP_PORT.variable() + "=true."));
    }
  }

  private void warnIfLocalhost(URI uri, ConfigValue endpoint, Signal signal) {
    if (uri == null) {
      return;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
        || host.equals("::1");
    if (!loopback) {
      return;
    }
    Optional<String> container = containerDetector.evidence(source);
    warnings.add(signal.id() + " go to " + endpoint.describe() + ", on this machine"
        + container.map(c -> ". This process looks containerised (" + c + "): localhost is the container itself,"
            + " so this only works with a collector in the same container or pod (a sidecar)").orElse("") + ".");
  }

  /**
   * The agent's Prometheus exporter and the library's scrape endpoint both default to port 9464: the second to bind
   * would fail, and whichever it is, a fix text about "another instance" would send the reader the wrong way.
   */
  private void checkAgentPrometheusPort(SignalPlan metrics, int scrapePort) {
    if (scrapePort == 0 || !metrics.exporters().contains(PROMETHEUS)) {
      return;
    }
    ConfigValue agentPort = source.explicit(AgentSettings.PROMETHEUS_PORT)
        .orElse(new ConfigValue(AgentSettings.PROMETHEUS_PORT, Integer.toString(AgentSettings.PROMETHEUS_DEFAULT_PORT),
            Source.DEFAULT));
    int port;
    try {
      port = Integer.parseInt(agentPort.value());
    } catch (NumberFormatException e) {
      problems.add(Problems.of(agentPort, "not a port number.", "use a number from 1 to 65535."));
      return;
    }
    if (port != scrapePort) {
      return;
    }
    ConfigValue ours = source.get(Setting.METRICS_PORT);
    problems.add(Problems.of(ours, "the OpenTelemetry Java agent's Prometheus exporter (" + metrics.exportersValue()
            .describe() + ") serves on port " + port + " (" + agentPort.describe() + "), the same port as Scanium's"
            + " scrape endpoint (" + Setting.METRICS_PORT.variable() + "): one of the two could not bind.",
        "give them different ports: " + Setting.METRICS_PORT.variable() + "=" + (port + 1) + " (and add that port"
            + " as a scrape target for the scanium_http_* series), or " + AgentSettings.PROMETHEUS_PORT + "=<another"
            + " port>; or drop prometheus from " + Signal.METRICS.exporterVariable() + "."));
  }

  private void checkTimeout(String variable) {
    source.explicit(variable).ifPresent(v -> {
      if (!DURATION.matcher(v.value()).matches()) {
        problems.add(Problems.of(v, "not a timeout.", "use a whole number of milliseconds, e.g. 10000, or a number"
            + " with a unit: 10s, 500ms."));
      }
    });
  }

  private void checkPositiveNumber(String variable) {
    source.explicit(variable).ifPresent(v -> {
      if (!v.value().matches("[1-9]\\d{0,8}")) {
        problems.add(Problems.of(v, "not a positive whole number.", "use a number such as 2048."));
      }
    });
  }

  private void checkBatchSettings() {
    for (String prefix : List.of("OTEL_BSP_", "OTEL_BLRP_")) {
      checkTimeout(prefix + "SCHEDULE_DELAY");
      checkTimeout(prefix + "EXPORT_TIMEOUT");
      checkPositiveNumber(prefix + "MAX_QUEUE_SIZE");
      checkPositiveNumber(prefix + "MAX_EXPORT_BATCH_SIZE");
    }
  }

  private void checkCompression(String variable) {
    source.explicit(variable).ifPresent(v -> {
      if (!v.value().equals("gzip") && !v.value().equals("none")) {
        problems.add(Problems.of(v, "unknown compression.", "use gzip or none."));
      }
    });
  }

  private void checkReadableFile(String variable) {
    source.explicit(variable).ifPresent(v -> {
      Path p = Path.of(v.value());
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        problems.add(Problems.of(v, Files.exists(p) ? "the file is not readable by this process."
                : "no such file.",
            "point it at a readable PEM file, or unset it to use the JVM's default trust store."));
      }
    });
  }

  private Map<String, String> headers(ConfigProperties otel, String variable) {
    Optional<ConfigValue> v = source.explicit(variable);
    if (v.isEmpty()) {
      return Map.of();
    }
    Map<String, String> masked = new LinkedHashMap<>();
    String[] entries = v.get().value().split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i];
      int eq = entry.indexOf('=');
      if (entry.isBlank() || eq <= 0 || entry.substring(0, eq).isBlank()) {
        problems.add(Problems.of(mask(v.get()), "malformed header entry number " + (i + 1)
                + (eq < 0 ? " (no '=')" : " (no name before '=')") + "; values are not shown, they may be secrets.",
            "use comma-separated name=value pairs, e.g. authorization=Basic%20abc,x-scope-orgid=tenant1"
                + " (percent-encode spaces and commas in values)."));
        return Map.of();
      }
      masked.put(entry.substring(0, eq).trim(), "****");
    }
    try {
      otel.getMap(ConfigSource.propertyName(variable));
    } catch (ConfigurationException e) {
      problems.add(Problems.of(mask(v.get()), "OpenTelemetry cannot read these headers: " + e.getMessage(),
          "use comma-separated name=value pairs."));
    }
    return masked;
  }

  private static ConfigValue mask(ConfigValue v) {
    StringBuilder sb = new StringBuilder();
    for (String entry : v.value().split(",", -1)) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(maskEntry(entry));
    }
    return v.withValue(sb.toString());
  }

  private static String maskEntry(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? "****" : entry.substring(0, eq) + "=****";
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
