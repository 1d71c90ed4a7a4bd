/**
 * The dashboard contract check: catches, before deploy, Grafana dashboards that query metric or label names the
 * service never exports, the failure behind dashboards that show "No data" although every component is healthy.
 *
 * <p>Start with {@link io.scanium.telemetry.dashboard.DashboardCheck} (programmatic),
 * {@link io.scanium.telemetry.dashboard.DashboardAssertions} (in a JUnit test) or
 * {@link io.scanium.telemetry.dashboard.DashboardCheckCli} (CI); what the service exposes is an
 * {@link io.scanium.telemetry.dashboard.ExposedSeries}.
 */
package io.scanium.telemetry.dashboard;
