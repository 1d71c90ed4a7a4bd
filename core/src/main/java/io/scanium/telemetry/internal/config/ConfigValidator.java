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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the whole configuration before anything is built or exported, and reports every problem at once.
 *
 * <p>Each rule is one method with one message. The rules exist because of incidents in which telemetry was lost
 * without anybody being told: an OTLP endpoint that silently fell back to localhost inside a container, a
 * protocol aimed at the other protocol's port, a service name left at {@code unknown_service:java} so that every
 * dashboard filter missed, a typo in a variable name that silently kept a default.
 *
 * <p>This class holds the orchestration, the {@code SCANIUM_*} settings, the resource and the sampler; the rule
 * groups of the signals' destinations ({@link SignalRules}) and of the scrape endpoint ({@link ScrapeRules}) add to
 * the same lists of problems and warnings.
 */
public final class ConfigValidator {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT_NAME = AttributeKey.stringKey("deployment.environment.name");
  static final AttributeKey<String> DEPLOYMENT_ENVIRONMENT = AttributeKey.stringKey("deployment.environment");

  /** The value of the {@code deployment_environment} label when no environment is configured. */
  public static final String UNKNOWN_ENVIRONMENT = "unknown";

  static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
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
    ScrapeRules scrape = new ScrapeRules(source, problems, warnings);
    SignalRules signalRules = new SignalRules(source, containerDetector, agent, problems, warnings);
    int port = scrape.metricsPort();
    String host = source.get(Setting.METRICS_HOST).value();
    String path = scrape.metricsPath();
    boolean jvm = bool(Setting.JVM_METRICS);
    boolean serviceLabels = bool(Setting.METRICS_SERVICE_LABELS);
    boolean localDev = bool(Setting.LOCAL_DEVELOPMENT);
    boolean nonStandardPorts = bool(Setting.ALLOW_NONSTANDARD_OTLP_PORT);
    boolean global = bool(Setting.REGISTER_GLOBAL);
    Duration shutdown = duration(source.get(Setting.SHUTDOWN_TIMEOUT));
    String probe = oneOf(Setting.STARTUP_PROBE, "off", "warn", "fail");
    ScrapeProtection protection = scrape.scrapeProtection(port);
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
      plans.put(signal, signalRules.signalPlan(signal, otel, disabled, localDev, nonStandardPorts));
    }
    Optional<AgentSettings> agentSettings = agent.map(a -> AgentSettings.of(a, source, otel));
    if (agent.isPresent() && !disabled) {
      signalRules.checkAgentPrometheusPort(plans.get(Signal.METRICS), port);
    }
    if (!disabled) {
      signalRules.checkBatchSettings();
    }
    if (agent.isPresent() && port == 0) {
      warnings.add(source.get(Setting.METRICS_PORT).describe() + " under the OpenTelemetry Java agent: the scanium_*"
          + " series go nowhere, since the agent's SDK pushes only its own metrics (" + Signal.METRICS
          .exporterVariable() + "=otlp cannot carry them there). Give the scrape endpoint a port.");
    }
    if (!disabled && agent.isEmpty() && plans.get(Signal.METRICS).exported()) {
      signalRules.checkTimeout("OTEL_METRIC_EXPORT_INTERVAL");
      signalRules.checkTimeout("OTEL_METRIC_EXPORT_TIMEOUT");
    }
    ConfigValue sampler = sampler(plans.get(Signal.TRACES));
    // OpenTelemetry's default interval, said in the report when metrics are pushed.
    ConfigValue metricInterval = source.explicit("OTEL_METRIC_EXPORT_INTERVAL")
        .orElse(new ConfigValue("OTEL_METRIC_EXPORT_INTERVAL", "60000", Source.DEFAULT));
    if (localDev) {
      warnings.add(Setting.LOCAL_DEVELOPMENT.variable() + "=true: OpenTelemetry's localhost defaults are accepted."
          + " Never set this in a deployed service.");
    }

    if (!problems.isEmpty()) {
      // A generic variable checked for each signal would otherwise be reported once per signal.
      throw new TelemetryConfigurationException(List.copyOf(new LinkedHashSet<>(problems)));
    }
    return new ResolvedConfig(source, withTargets(otelProperties, plans), disabled, serviceName, serviceNameOrigin(),
        environment, environmentOrigin(resource), plans, port, host, path, jvm, serviceLabels, global, shutdown,
        report, probe, watchdog, protection, maxRoutes, captureQuery, queryRedact, logsRequired, logsLevel, localDev,
        List.copyOf(new LinkedHashSet<>(warnings)),
        agentSettings, sampler, metricInterval, settings());
  }

  private Map<Setting, ConfigValue> settings() {
    Map<Setting, ConfigValue> settings = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      // A setting whose default is empty (a password, a keystore) reads as unset: it is kept as its empty default.
      settings.put(s, source.get(s.variable()).orElse(new ConfigValue(s.variable(), s.defaultValue(), Source.DEFAULT)));
    }
    return settings;
  }

  /**
   * Autoconfigure's properties with each signal's OTLP target as computed by the rules, as that signal's own
   * endpoint and headers: the exporter then sends exactly what the report and the health messages show, rather than
   * a second computation of its own from the same variables.
   */
  private Map<String, String> withTargets(Map<String, String> properties, Map<Signal, SignalPlan> plans) {
    if (agent.isPresent()) {
      // The agent reads its own configuration; nothing here reaches its exporters.
      return properties;
    }
    Map<String, String> resolved = new TreeMap<>(properties);
    plans.values().forEach(plan -> plan.target().ifPresent(target -> {
      resolved.put(ConfigSource.propertyName(plan.signal().otlpVariable("ENDPOINT")), target.url());
      if (!target.headers().isEmpty()) {
        resolved.put(ConfigSource.propertyName(plan.signal().otlpVariable("HEADERS")), target.headersProperty());
      }
    }));
    return Collections.unmodifiableMap(resolved);
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


}
