/**
 * Testing a service's instrumentation: {@link io.scanium.telemetry.testing.ScaniumTelemetryExtension} installs Scanium
 * telemetry per test with in-memory capture of spans and log records and a fresh metrics registry, and
 * {@link io.scanium.telemetry.testing.TelemetryAssertions} checks what was recorded: the {@code scanium_http_*}
 * series by label, spans with their attributes and parents, log records with their trace ids, and the scrape text
 * ({@link io.scanium.telemetry.testing.ScrapeText}).
 *
 * <p>The OTLP test receiver, for what really goes over the wire, is
 * {@code io.scanium.telemetry.receiver.OtlpReceiver}, which this artifact brings along. The dashboard contract check
 * ({@code io.scanium.telemetry.dashboard}) is an artifact of its own, {@code scanium-telemetry-dashboard-check}.
 */
package io.scanium.telemetry.testing;
