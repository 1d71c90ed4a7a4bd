/**
 * The library beside the real OpenTelemetry Java agent (issue 13): test applications in child JVMs started with
 * {@code -javaagent}, configured by environment variables only, exporting to an OTLP receiver.
 */
package io.scanium.telemetry.agenttests;
