package io.scanium.telemetry.internal.logs;

/**
 * What happened to the application's SLF4J logs at install: which backend was found, and whether its events now
 * reach the OTLP log pipeline.
 *
 * @param backend the SLF4J provider found ({@code logback}, {@code log4j2}, {@code slf4j-simple}, {@code none}, ...)
 * @param exported whether events are routed to the SDK's LoggerProvider
 * @param detail one sentence for the startup report: how, or why not
 */
public record LogRoutingStatus(String backend, boolean exported, String detail) {}
