/**
 * The dedicated scrape endpoint and its watchdog.
 *
 * <p>Not API: everything under {@code io.scanium.telemetry.internal} may change in any release without notice. The
 * public types live in {@code io.scanium.telemetry}, {@code io.scanium.telemetry.http} and the adapters' packages.
 */
package io.scanium.telemetry.internal.scrape;
