/**
 * The Prometheus text exposition format (0.0.4) and OpenMetrics text, read once for every module that needs a
 * scrape's content: {@link io.scanium.telemetry.exposition.Exposition#parse(String)}.
 */
package io.scanium.telemetry.exposition;
