/**
 * The doctor: checks a deployed service end to end from wherever it runs (the scrape endpoint, each signal's
 * collector endpoint, and the series in Prometheus or Mimir), one PASS or FAIL line per check with the fix, and an
 * exit status for scripts. Start with {@link io.scanium.telemetry.doctor.Doctor}.
 */
package io.scanium.telemetry.doctor;
