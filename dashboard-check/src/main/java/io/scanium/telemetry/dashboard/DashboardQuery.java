package io.scanium.telemetry.dashboard;

import java.nio.file.Path;

/**
 * One query a dashboard runs, with where it sits, so that a report can send a reader straight to it.
 *
 * @param file the dashboard file
 * @param dashboardTitle the dashboard's title
 * @param panelTitle the panel's title; null for a templating variable
 * @param panelId the panel's id, or null when it has none
 * @param rowTitle the row the panel sits in, or null
 * @param variableName the templating variable's name; null for a panel query
 * @param query the query exactly as written in the dashboard, Grafana variables included
 */
record DashboardQuery(
    Path file,
    String dashboardTitle,
    String panelTitle,
    Integer panelId,
    String rowTitle,
    String variableName,
    String query) {

  boolean isVariable() {
    return variableName != null;
  }
}
