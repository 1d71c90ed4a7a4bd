package io.scanium.telemetry.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configuration as given: environment variables, system properties, values set in code and our defaults,
 * each value remembered with its source so that every message can say where it came from.
 *
 * <p>The process environment is read only by {@link #fromProcess()}, the outermost entry point; everything else
 * takes maps, so tests never need to touch the real environment.
 *
 * <p>Precedence follows OpenTelemetry's autoconfigure: system properties over environment variables, over defaults.
 * Values set in code win over all of them, because code is the most deliberate place to say something. Named
 * property sources ({@link #withPropertySource}: a framework's configuration files) come after the environment and
 * before the defaults, as a configuration file does for Spring Boot: the deployment's variables override what the
 * application ships with.
 */
public final class ConfigSource {

  private final Map<String, String> environment;
  private final Map<String, String> systemProperties;
  private final Map<String, String> code;
  private final Map<String, String> defaults;
  private final List<Named> named;

  private ConfigSource(Map<String, String> environment, Map<String, String> systemProperties,
      Map<String, String> code, Map<String, String> defaults, List<Named> named) {
    this.environment = Collections.unmodifiableMap(new TreeMap<>(environment));
    this.systemProperties = Collections.unmodifiableMap(new TreeMap<>(systemProperties));
    this.code = Collections.unmodifiableMap(new TreeMap<>(code));
    this.defaults = Collections.unmodifiableMap(new TreeMap<>(defaults));
    this.named = List.copyOf(named);
  }

  /** A property source with the name messages give it; properties by their dotted, lower-case names. */
  private record Named(String name, Map<String, String> properties) {}

  /** The real process environment and system properties. */
  public static ConfigSource fromProcess() {
    Map<String, String> props = new TreeMap<>();
    System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
    return of(System.getenv(), props, Map.of());
  }

  /**
   * A source from explicit maps.
   *
   * @param environment variables by their environment names ({@code OTEL_SERVICE_NAME})
   * @param systemProperties properties by their dotted names ({@code otel.service.name})
   * @param code values set through the builder, by environment name
   */
  public static ConfigSource of(Map<String, String> environment, Map<String, String> systemProperties,
      Map<String, String> code) {
    return new ConfigSource(environment, systemProperties, code, builtInDefaults(), List.of());
  }

  /**
   * Defaults that differ from OpenTelemetry's own. OTLP over http/protobuf is what the JDK HttpClient sender
   * speaks; metrics leave through the Prometheus scrape, so their OTLP push (of the same series) is off unless asked
   * for; attribute values are bounded, so that no single value can fill the export queue's memory.
   */
  private static Map<String, String> builtInDefaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    d.put("OTEL_TRACES_EXPORTER", "otlp");
    d.put("OTEL_LOGS_EXPORTER", "otlp");
    d.put("OTEL_METRICS_EXPORTER", "none");
    // Unbounded by OpenTelemetry's default: one attribute of an application's own could hold megabytes in the queue.
    d.put("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "4096");
    for (Setting s : Setting.values()) {
      d.put(s.variable(), s.defaultValue());
    }
    return d;
  }

  /** This source with values set in code added on top. */
  public ConfigSource withCode(Map<String, String> moreCode) {
    Map<String, String> merged = new TreeMap<>(code);
    merged.putAll(moreCode);
    return new ConfigSource(environment, systemProperties, merged, defaults, named);
  }

  /**
   * This source with a named property source added below the ones already added (the first added wins), below
   * environment variables and above the defaults.
   *
   * @param name how messages and the startup report name it, e.g. {@code application.properties via Spring
   *     Environment}
   * @param properties values by their dotted names, as system properties ({@code otel.service.name},
   *     {@code scanium.metrics.port}); other names are ignored
   */
  public ConfigSource withPropertySource(String name, Map<String, String> properties) {
    Map<String, String> ours = new TreeMap<>();
    properties.forEach((k, v) -> {
      String key = k.toLowerCase(Locale.ROOT);
      if ((key.startsWith("otel.") || key.startsWith("scanium.")) && v != null) {
        ours.put(key, v);
      }
    });
    List<Named> more = new ArrayList<>(named);
    more.add(new Named(name, Collections.unmodifiableMap(ours)));
    return new ConfigSource(environment, systemProperties, code, defaults, more);
  }

  /** This source with a default replaced, e.g. where the OpenTelemetry Java agent's default differs from ours. */
  public ConfigSource withDefault(String variable, String value) {
    Map<String, String> changed = new TreeMap<>(defaults);
    changed.put(variable, value);
    return new ConfigSource(environment, systemProperties, code, changed, named);
  }

  /**
   * A system property by its exact name, for the few names that have no environment-variable spelling (the agent's
   * {@code otel.javaagent.configuration-file}).
   */
  public Optional<ConfigValue> systemProperty(String name) {
    String value = systemProperties.get(name);
    return isSet(value) ? Optional.of(new ConfigValue(name, value.trim(), Source.SYSTEM_PROPERTY)) : Optional.empty();
  }

  /** The property name OpenTelemetry uses for an environment variable name. */
  public static String propertyName(String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /**
   * The value of a variable, looked up under its environment name and its system-property name, with its
   * source; empty when nobody set it and there is no default. Blank values count as unset, as in OpenTelemetry.
   */
  public Optional<ConfigValue> get(String variable) {
    String value = code.get(variable);
    if (isSet(value)) {
      return Optional.of(new ConfigValue(variable, value.trim(), Source.CODE));
    }
    String property = propertyName(variable);
    value = systemProperties.get(property);
    if (isSet(value)) {
      return Optional.of(new ConfigValue(property, value.trim(), Source.SYSTEM_PROPERTY));
    }
    value = environment.get(variable);
    if (isSet(value)) {
      return Optional.of(new ConfigValue(variable, value.trim(), Source.ENVIRONMENT));
    }
    for (Named n : named) {
      value = n.properties().get(property);
      if (isSet(value)) {
        return Optional.of(new ConfigValue(property, value.trim(), Source.PROPERTY_SOURCE, n.name()));
      }
    }
    value = defaults.get(variable);
    if (isSet(value)) {
      return Optional.of(new ConfigValue(variable, value, Source.DEFAULT));
    }
    return Optional.empty();
  }

  /** Like {@link #get} but ignoring defaults: whether somebody actually configured the variable. */
  public Optional<ConfigValue> explicit(String variable) {
    return get(variable).filter(v -> v.source() != Source.DEFAULT);
  }

  /** The value of one of our settings (always present: every setting has a default). */
  public ConfigValue get(Setting setting) {
    return get(setting.variable()).orElseThrow();
  }

  /**
   * Every {@code SCANIUM_*} name given anywhere, as given, with its source. Validation compares them with
   * {@link Setting}.
   */
  public Map<String, ConfigValue> scaniumNames() {
    Map<String, ConfigValue> names = new TreeMap<>();
    for (int i = named.size() - 1; i >= 0; i--) {
      Named n = named.get(i);
      n.properties().forEach((k, v) -> {
        if (k.startsWith("scanium.")) {
          names.put(k, new ConfigValue(k, v, Source.PROPERTY_SOURCE, n.name()));
        }
      });
    }
    environment.forEach((k, v) -> {
      if (k.startsWith("SCANIUM_")) {
        names.put(k, new ConfigValue(k, v, Source.ENVIRONMENT));
      }
    });
    systemProperties.forEach((k, v) -> {
      if (k.startsWith("scanium.")) {
        names.put(k, new ConfigValue(k, v, Source.SYSTEM_PROPERTY));
      }
    });
    code.forEach((k, v) -> {
      if (k.startsWith("SCANIUM_")) {
        names.put(k, new ConfigValue(k, v, Source.CODE));
      }
    });
    return names;
  }

  /**
   * The properties OpenTelemetry's autoconfigure is given, in its dotted form: our defaults, then the
   * environment, then system properties, then code. This map is the only configuration autoconfigure sees,
   * so what was validated is exactly what is built.
   */
  public Map<String, String> openTelemetryProperties() {
    Map<String, String> merged = new TreeMap<>();
    defaults.forEach((k, v) -> putOtel(merged, k, v));
    for (int i = named.size() - 1; i >= 0; i--) {
      named.get(i).properties().forEach((k, v) -> {
        if (k.startsWith("otel.") && isSet(v)) {
          merged.put(k, v.trim());
        }
      });
    }
    environment.forEach((k, v) -> putOtel(merged, k, v));
    systemProperties.forEach((k, v) -> {
      if (k.startsWith("otel.") && isSet(v)) {
        merged.put(k.toLowerCase(Locale.ROOT), v.trim());
      }
    });
    code.forEach((k, v) -> putOtel(merged, k, v));
    return merged;
  }

  private static void putOtel(Map<String, String> target, String variable, String value) {
    if (variable.startsWith("OTEL_") && isSet(value)) {
      target.put(propertyName(variable), value.trim());
    }
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
