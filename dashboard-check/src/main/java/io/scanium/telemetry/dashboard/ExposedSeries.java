package io.scanium.telemetry.dashboard;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.scanium.telemetry.exposition.Exposition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a service exposes to its scraper: metric names, each with the label names its series carry, exactly as they
 * appear in the Prometheus text exposition ({@code _total} on counters, {@code _bucket}/{@code _count}/{@code _sum} on
 * histograms, {@code _info} on info metrics).
 *
 * <p>Read it from a scrape ({@link #fromText}, {@link #fromScrapeFile}, {@link #fromUrl}), from a
 * {@link PrometheusRegistry} in a test ({@link #fromRegistry}), or assemble it with {@link #builder()}, for example
 * to add recording-rule outputs. A metric that is declared ({@code # TYPE}) but has no series yet, such as a labelled
 * counter before its first request, counts as exposed with unknown labels: "no traffic yet" is not a broken contract.
 *
 * <p>The scraper, not the service, adds <em>target labels</em> to every series; {@code job} and {@code instance} are
 * assumed, others (Alloy's {@code env}, {@code source}, ...) are added with {@link #withTargetLabels}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExposedSeries {

  private static final Set<String> DEFAULT_TARGET_LABELS = Set.of("job", "instance");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, Set<String>> labels;
  private final Set<String> labelsUnknown;
  private final Set<String> targetLabels;
  private final String source;

  private ExposedSeries(
      Map<String, Set<String>> labels, Set<String> labelsUnknown, Set<String> targetLabels, String source) {
    Map<String, Set<String>> copy = new TreeMap<>();
    labels.forEach((name, names) -> copy.put(name, Collections.unmodifiableSet(new TreeSet<>(names))));
    this.labels = Collections.unmodifiableMap(copy);
    this.labelsUnknown = Collections.unmodifiableSet(new TreeSet<>(labelsUnknown));
    this.targetLabels = Collections.unmodifiableSet(new TreeSet<>(targetLabels));
    this.source = source;
  }

  /**
   * Reads a Prometheus text exposition (format 0.0.4) or OpenMetrics text, as served on {@code /metrics}.
   *
   * @throws IllegalArgumentException when a line is neither a comment nor a sample; the message names the line
   */
  public static ExposedSeries fromText(String exposition) {
    return fromText(exposition, "exposition text");
  }

  static ExposedSeries fromText(String exposition, String source) {
    Builder builder = builder().source(source);
    ExpositionNames.addTo(Exposition.parse(exposition, source), builder);
    return builder.build();
  }

  /**
   * Reads a saved scrape, e.g. the output of {@code curl http://service:8080/metrics > scrape.txt}.
   *
   * @throws UncheckedIOException when the file cannot be read; the message names the file
   * @throws IllegalArgumentException when the file is not an exposition; the message names file and line
   */
  public static ExposedSeries fromScrapeFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read scrape file " + file + ": " + describe(e), e);
    }
    return fromText(text, "scrape file " + file);
  }

  /**
   * Scrapes a live {@code /metrics} endpoint once, with a ten second timeout.
   *
   * @throws UncheckedIOException when the endpoint cannot be reached or does not answer 2xx; the message names the URL
   */
  public static ExposedSeries fromUrl(URI url) {
    return fromUrl(url, DEFAULT_TIMEOUT);
  }

  /**
   * Scrapes a live {@code /metrics} endpoint once.
   *
   * @param timeout limit for connecting and, separately, for the whole response
   * @throws UncheckedIOException when the endpoint cannot be reached or does not answer 2xx; the message names the URL
   */
  public static ExposedSeries fromUrl(URI url, Duration timeout) {
    Objects.requireNonNull(url, "url");
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            // Scrapers speak HTTP/1.1; an h2c upgrade attempt only confuses simple /metrics servers.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            // Ask for text explicitly: a server that prefers protobuf would otherwise answer in a format not read here.
            .header("Accept", "text/plain;version=0.0.4;q=1.0,application/openmetrics-text;version=1.0.0;q=0.5")
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot scrape " + url + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("Interrupted while scraping " + url));
    }
    if (response.statusCode() / 100 != 2) {
      throw new UncheckedIOException(
          new IOException("Cannot scrape " + url + ": HTTP " + response.statusCode() + " (expected 200)"));
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (contentType.contains("protobuf")) {
      throw new UncheckedIOException(
          new IOException("Cannot scrape " + url + ": answered " + contentType + " instead of text"));
    }
    return fromText(response.body(), url.toString());
  }

  /**
   * The series a registry would expose: the registry is written with the client library's own text format writer and
   * read back, so names and suffixes are exactly those of a real scrape. Metrics without any data point yet (a
   * labelled metric before its first observation) are included with unknown labels.
   */
  public static ExposedSeries fromRegistry(PrometheusRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    MetricSnapshots snapshots = registry.scrape();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(text, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the registry in text format", e);
    }
    Builder builder = builder().source("PrometheusRegistry");
    ExpositionNames.addTo(Exposition.parse(text.toString(StandardCharsets.UTF_8), "PrometheusRegistry"), builder);
    RegistryNames.declareEmpty(snapshots, builder);
    return builder.build();
  }

  /** Starts an empty set, to assemble series by hand. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A copy that also treats these labels as present on every series, because the scraper adds them (for example
   * Alloy's {@code env} and {@code source}).
   */
  public ExposedSeries withTargetLabels(String... extraTargetLabels) {
    Set<String> union = new LinkedHashSet<>(targetLabels);
    union.addAll(Arrays.asList(extraTargetLabels));
    return new ExposedSeries(labels, labelsUnknown, union, source);
  }

  /** Both sets together, e.g. the service's scrape plus the outputs of recording rules. */
  public ExposedSeries plus(ExposedSeries other) {
    Map<String, Set<String>> union = new TreeMap<>();
    labels.forEach((name, names) -> union.computeIfAbsent(name, n -> new TreeSet<>()).addAll(names));
    other.labels.forEach((name, names) -> union.computeIfAbsent(name, n -> new TreeSet<>()).addAll(names));
    Set<String> unknown = new TreeSet<>();
    for (String name : union.keySet()) {
      boolean knownHere = labels.containsKey(name) && !labelsUnknown.contains(name);
      boolean knownThere = other.labels.containsKey(name) && !other.labelsUnknown.contains(name);
      if (!knownHere && !knownThere) {
        unknown.add(name);
      }
    }
    Set<String> targets = new TreeSet<>(targetLabels);
    targets.addAll(other.targetLabels);
    return new ExposedSeries(union, unknown, targets, source + " + " + other.source);
  }

  /** Every exposed metric name, sorted, as it appears in the exposition (with its suffix). */
  public Set<String> metricNames() {
    return labels.keySet();
  }

  /** True when the service exposes this exact name. */
  public boolean contains(String metricName) {
    return labels.containsKey(metricName);
  }

  /**
   * The label names seen on the metric's series, without target labels; empty when the metric is not exposed.
   *
   * @see #labelsKnown(String)
   */
  public Set<String> labelNames(String metricName) {
    return labels.getOrDefault(metricName, Set.of());
  }

  /** False when the metric is declared but has no series yet, so which labels it will carry cannot be told. */
  public boolean labelsKnown(String metricName) {
    return labels.containsKey(metricName) && !labelsUnknown.contains(metricName);
  }

  /** Labels the scraper adds to every series; {@code job} and {@code instance} unless more were added. */
  public Set<String> targetLabels() {
    return targetLabels;
  }

  /** Where the series came from (file, URL, registry), for reports. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "ExposedSeries[" + source + ", " + labels.size() + " metric names]";
  }

  private static String describe(Exception e) {
    // These exceptions' messages are only the path, which the caller's message already names.
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** Collects metric and label names; {@link #build()} freezes them into an {@link ExposedSeries}. */
  public static final class Builder {
    private final Map<String, Set<String>> labels = new TreeMap<>();
    private final Set<String> labelsUnknown = new TreeSet<>();
    private final Set<String> targetLabels = new TreeSet<>(DEFAULT_TARGET_LABELS);
    private String source = "hand-built series";

    private Builder() {}

    /** Adds a metric name (as exposed, with its suffix) and label names its series carry. */
    public Builder metric(String metricName, String... labelNames) {
      return metric(metricName, Arrays.asList(labelNames));
    }

    /** Adds a metric name (as exposed, with its suffix) and label names its series carry. */
    public Builder metric(String metricName, Collection<String> labelNames) {
      Objects.requireNonNull(metricName, "metricName");
      labels.computeIfAbsent(metricName, n -> new TreeSet<>()).addAll(labelNames);
      labelsUnknown.remove(metricName);
      return this;
    }

    /** Adds labels that the scraper attaches to every series. */
    public Builder targetLabels(String... names) {
      targetLabels.addAll(Arrays.asList(names));
      return this;
    }

    /** Names the origin of these series in reports. */
    public Builder source(String description) {
      this.source = Objects.requireNonNull(description, "description");
      return this;
    }

    /** A declared metric without series: its name is exposed, its labels beyond {@code knownLabels} are unknown. */
    Builder declared(String metricName, Collection<String> knownLabels) {
      if (!labels.containsKey(metricName)) {
        labels.put(metricName, new TreeSet<>(knownLabels));
        labelsUnknown.add(metricName);
      }
      return this;
    }

    /** The immutable set. */
    public ExposedSeries build() {
      return new ExposedSeries(labels, labelsUnknown, targetLabels, source);
    }
  }
}
