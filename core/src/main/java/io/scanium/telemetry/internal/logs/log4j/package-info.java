/**
 * The Log4j 2 side of the log routing, loaded only when Log4j is the SLF4J provider.
 *
 * <p>Not API: everything under {@code io.scanium.telemetry.internal} may change in any release without notice. The
 * public types live in {@code io.scanium.telemetry}, {@code io.scanium.telemetry.http} and the adapters' packages.
 */
package io.scanium.telemetry.internal.logs.log4j;
