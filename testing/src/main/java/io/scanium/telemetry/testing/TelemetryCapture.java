package io.scanium.telemetry.testing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.ScaniumTelemetry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AssertProvider;

/**
 * What one test's telemetry recorded: the spans and log records that ended, and the metrics registry. Handed to
 * test methods by {@link ScaniumTelemetryExtension} (as a parameter or through {@link
 * ScaniumTelemetryExtension#capture()}), and read with {@link TelemetryAssertions#assertThat(TelemetryCapture)}, or
 * with AssertJ's own {@code assertThat}, which finds {@link #assertThat()}.
 *
 * <p>Spans and log records are captured in memory as they end (a simple processor beside the configured exporters),
 * so nothing here waits for a batch. Thread-safe: the application records from its own threads while the test reads.
 */
public final class TelemetryCapture implements AssertProvider<TelemetryCaptureAssert> {

  private final ScaniumTelemetry telemetry;
  private final InMemorySpanExporter spans;
  private final InMemoryLogRecordExporter logs;
  private final Duration awaitTimeout;

  TelemetryCapture(ScaniumTelemetry telemetry, InMemorySpanExporter spans, InMemoryLogRecordExporter logs,
      Duration awaitTimeout) {
    this.telemetry = telemetry;
    this.spans = spans;
    this.logs = logs;
    this.awaitTimeout = awaitTimeout;
  }

  /** The installed telemetry: hand it to the adapter exactly as the application does in production. */
  public ScaniumTelemetry telemetry() {
    return telemetry;
  }

  /** The OpenTelemetry SDK, for spans of the test's own. */
  public OpenTelemetry openTelemetry() {
    return telemetry.openTelemetry();
  }

  /** The metrics registry, fresh for this test. */
  public PrometheusRegistry registry() {
    return telemetry.registry();
  }

  /** The spans that ended so far, in the order they ended. */
  public List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  /** The log records emitted so far, in order. */
  public List<LogRecordData> logs() {
    return logs.getFinishedLogRecordItems();
  }

  /**
   * The registry as its scrape endpoint serves it (the Prometheus text format, written by the client library's own
   * writer), parsed.
   */
  public ScrapeText scrape() {
    return ScrapeText.of(registry());
  }

  /**
   * Scrapes the real endpoint over HTTP (on 127.0.0.1), as Prometheus would.
   *
   * @throws IllegalStateException when the scrape endpoint is off (see {@link
   * ScaniumTelemetryExtension#withScrapePort()})
   * @throws UncheckedIOException when the endpoint does not answer 200
   */
  public ScrapeText scrapeEndpoint() {
    URI uri = scrapeUri();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("Accept", "text/plain;version=0.0.4").GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new UncheckedIOException(new IOException("scrape of " + uri + " answered " + response.statusCode()));
      }
      return ScrapeText.parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scrape " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while scraping " + uri));
    }
  }

  /**
   * The scrape endpoint's URL on the loopback address.
   *
   * @throws IllegalStateException when the scrape endpoint is off
   */
  public URI scrapeUri() {
    URI served = telemetry.scrapeUri().orElseThrow(() -> new IllegalStateException("the scrape endpoint is off in"
        + " tests (SCANIUM_METRICS_PORT=off); use ScaniumTelemetryExtension.create().withScrapePort() to serve it"));
    return URI.create("http://127.0.0.1:" + telemetry.scrapePort() + served.getPath());
  }

  /** How long assertions wait for a request, span or log record to be recorded before they fail. */
  public Duration awaitTimeout() {
    return awaitTimeout;
  }

  /** Forgets the spans and log records captured so far (metrics are not reset: each test gets a fresh registry). */
  public void clearSpansAndLogs() {
    spans.reset();
    logs.reset();
  }

  /** Assertions on this capture. */
  @Override
  public TelemetryCaptureAssert assertThat() {
    return new TelemetryCaptureAssert(this);
  }

  @Override
  public String toString() {
    return "TelemetryCapture[service " + telemetry.serviceName() + ", " + spans().size() + " spans, "
        + logs().size() + " log records]";
  }
}
