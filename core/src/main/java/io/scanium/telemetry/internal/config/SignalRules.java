package io.scanium.telemetry.internal.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.scanium.telemetry.Problem;
import io.scanium.telemetry.internal.agent.JavaAgent;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of where each signal goes: exporters, the OTLP protocol and endpoint (the localhost fallback above
 * all), ports, timeouts, compression, certificates and headers, and the OpenTelemetry Java agent's Prometheus
 * exporter. Part of {@link ConfigValidator}, which collects what every rule group finds.
 */
final class SignalRules {

  private static final Set<String> EXPORTERS = Set.of("otlp", "console", "logging", "none");
  private static final String GENERIC_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  private static final String GENERIC_PROTOCOL = "OTEL_EXPORTER_OTLP_PROTOCOL";
  private static final String HTTP_PROTOBUF = "http/protobuf";
  private static final String GRPC = "grpc";
  private static final String PROMETHEUS = "prometheus";
  private static final Pattern DURATION = ConfigValidator.DURATION;

  private final ConfigSource source;
  private final ContainerDetector containerDetector;
  private final Optional<JavaAgent> agent;
  private final List<Problem> problems;
  private final List<String> warnings;

  SignalRules(ConfigSource source, ContainerDetector containerDetector, Optional<JavaAgent> agent,
      List<Problem> problems, List<String> warnings) {
    this.source = source;
    this.containerDetector = containerDetector;
    this.agent = agent;
    this.problems = problems;
    this.warnings = warnings;
  }

  SignalPlan signalPlan(Signal signal, ConfigProperties otel, boolean disabled, boolean localDev,
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
          Optional.empty(), Optional.empty());
    }
    if (!exporters.contains("otlp")) {
      return new SignalPlan(signal, List.copyOf(exporters), exportersValue, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
    }

    ConfigValue protocol = protocol(signal);
    Optional<ConfigValue> specific = source.explicit(signal.otlpVariable("ENDPOINT"));
    Optional<ConfigValue> generic = source.explicit(GENERIC_ENDPOINT);
    // The URL the exporter will use, computed here once; messages show it masked (url), the exporter gets rawUrl.
    String rawUrl;
    String url;
    Optional<ConfigValue> endpointValue;
    if (specific.isPresent()) {
      endpointValue = specific;
      rawUrl = specific.get().value();
      url = Redact.url(rawUrl);
      URI uri = checkUrl(specific.get());
      if (uri != null && protocol.value().equals(HTTP_PROTOBUF) && (uri.getPath() == null
          || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
        problems.add(Problems.of(specific.get(), "a signal-specific OTLP/HTTP endpoint is used exactly as given,"
                + " so " + signal.id() + " would be POSTed to the collector's root path, which answers 404.",
            "add the path: " + stripSlash(url) + signal.httpPath() + ", or set " + GENERIC_ENDPOINT
                + "=" + stripSlash(url) + " instead (the exporter appends " + signal.httpPath() + " to it)."));
      }
      if (uri != null && protocol.value().equals(HTTP_PROTOBUF) && uri.getPath() != null
          && uri.getPath().length() > 1 && !stripSlash(uri.getPath()).endsWith(signal.httpPath())) {
        // A gateway may serve OTLP under a path of its own, so this is no refusal; a collector answers 404 there.
        warnings.add(specific.get().describe() + " is used exactly as given, and its path does not end in "
            + signal.httpPath() + ", where OTLP/HTTP receivers take " + signal.id() + " (Mimir: /otlp/v1/metrics)."
            + " If the collector answers 404, add " + signal.httpPath() + " to the path.");
      }
      checkPort(uri, specific.get(), protocol, nonStandardPorts);
      warnIfLocalhost(uri, specific.get(), signal);
    } else if (generic.isPresent()) {
      endpointValue = generic;
      URI uri = checkUrl(generic.get());
      rawUrl = protocol.value().equals(HTTP_PROTOBUF) ? stripSlash(generic.get().value()) + signal.httpPath()
          : generic.get().value();
      url = Redact.url(rawUrl);
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
      rawUrl = protocol.value().equals(GRPC) ? "http://localhost:4317" : "http://localhost:4318" + signal.httpPath();
      url = rawUrl;
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
    Map<String, String> headers = signalHeaders.isEmpty() ? genericHeaders : signalHeaders;
    ConfigValue timeout = source.explicit(signal.otlpVariable("TIMEOUT"))
        .or(() -> source.explicit("OTEL_EXPORTER_OTLP_TIMEOUT"))
        .orElse(new ConfigValue("OTEL_EXPORTER_OTLP_TIMEOUT", "10000", Source.DEFAULT));
    return new SignalPlan(signal, List.copyOf(exporters), exportersValue, Optional.of(protocol),
        Optional.of(new OtlpTarget(rawUrl, headers)), endpointValue, Optional.of(timeout));
  }

  ConfigValue protocol(Signal signal) {
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

  URI checkUrl(ConfigValue v) {
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

  void checkPort(URI uri, ConfigValue endpoint, ConfigValue protocol, boolean nonStandardPorts) {
    // gRPC without the agent is refused already, with its fix (http/protobuf on 4318); a second problem about its
    // port would suggest an override that cannot help.
    if (uri == null || nonStandardPorts || (protocol.value().equals(GRPC) && agent.isEmpty())) {
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

  void warnIfLocalhost(URI uri, ConfigValue endpoint, Signal signal) {
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
  void checkAgentPrometheusPort(SignalPlan metrics, int scrapePort) {
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

  void checkTimeout(String variable) {
    source.explicit(variable).ifPresent(v -> {
      if (!DURATION.matcher(v.value()).matches()) {
        problems.add(Problems.of(v, "not a timeout.", "use a whole number of milliseconds, e.g. 10000, or a number"
            + " with a unit: 10s, 500ms."));
      }
    });
  }

  void checkPositiveNumber(String variable) {
    source.explicit(variable).ifPresent(v -> {
      if (!v.value().matches("[1-9]\\d{0,8}")) {
        problems.add(Problems.of(v, "not a positive whole number.", "use a number such as 2048."));
      }
    });
  }

  void checkBatchSettings() {
    for (String prefix : List.of("OTEL_BSP_", "OTEL_BLRP_")) {
      checkTimeout(prefix + "SCHEDULE_DELAY");
      checkTimeout(prefix + "EXPORT_TIMEOUT");
      checkPositiveNumber(prefix + "MAX_QUEUE_SIZE");
      checkPositiveNumber(prefix + "MAX_EXPORT_BATCH_SIZE");
    }
  }

  void checkCompression(String variable) {
    source.explicit(variable).ifPresent(v -> {
      if (!v.value().equals("gzip") && !v.value().equals("none")) {
        problems.add(Problems.of(v, "unknown compression.", "use gzip or none."));
      }
    });
  }

  void checkReadableFile(String variable) {
    source.explicit(variable).ifPresent(v -> {
      Path p = Path.of(v.value());
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        problems.add(Problems.of(v, Files.exists(p) ? "the file is not readable by this process."
                : "no such file.",
            "point it at a readable PEM file, or unset it to use the JVM's default trust store."));
      }
    });
  }

  /** The headers {@code variable} gives, values percent-decoded as the exporter decodes them; never printed. */
  Map<String, String> headers(ConfigProperties otel, String variable) {
    Optional<ConfigValue> v = source.explicit(variable);
    if (v.isEmpty()) {
      return Map.of();
    }
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
    }
    Map<String, String> decoded = new LinkedHashMap<>();
    try {
      otel.getMap(ConfigSource.propertyName(variable))
          .forEach((name, value) -> decoded.put(name, URLDecoder.decode(value, StandardCharsets.UTF_8)));
    } catch (ConfigurationException | IllegalArgumentException e) {
      // Neither message is shown: both may quote a value, and values are secrets. OpenTelemetry's exporter would
      // fail on the same malformed %-escape, quoting it.
      problems.add(Problems.of(mask(v.get()), "OpenTelemetry cannot read these headers (a malformed entry or"
              + " %-escape in a value); values are not shown, they may be secrets.",
          "use comma-separated name=value pairs, percent-encoding only with valid escapes such as %20."));
      return Map.of();
    }
    return decoded;
  }

  static ConfigValue mask(ConfigValue v) {
    StringBuilder sb = new StringBuilder();
    for (String entry : v.value().split(",", -1)) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(maskEntry(entry));
    }
    return v.withValue(sb.toString());
  }

  static String maskEntry(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? "****" : entry.substring(0, eq) + "=****";
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
