package io.scanium.telemetry.dashboard;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One query of one dashboard that cannot return what it was written for.
 *
 * @param kind what is wrong
 * @param dashboardFile the dashboard file
 * @param dashboardTitle the dashboard's title
 * @param panelTitle the panel's title, or null when the query is a templating variable's
 * @param panelId the panel's id, or null
 * @param variableName the templating variable's name, or null when the query is a panel's
 * @param metric the metric name (or name pattern) concerned, or null for {@link Kind#INVALID_QUERY}
 * @param label the label name concerned for {@link Kind#MISSING_LABEL}, otherwise null
 * @param query the query as written in the dashboard
 * @param detail more to go on (similar exposed names, the labels the metric does carry, the syntax error); may be
 *     empty
 */
public record DashboardProblem(
    Kind kind,
    Path dashboardFile,
    String dashboardTitle,
    String panelTitle,
    Integer panelId,
    String variableName,
    String metric,
    String label,
    String query,
    String detail) {

  /** What is wrong with a query. */
  public enum Kind {
    /** The query selects a metric name the service does not expose, so the panel shows no data. */
    MISSING_METRIC,
    /** The query filters, groups or matches by a label that the metric's series never carry. */
    MISSING_LABEL,
    /** The query is not valid PromQL (after Grafana variables are substituted), so it could not be checked. */
    INVALID_QUERY
  }

  /** Validates the fields that every problem has. */
  public DashboardProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dashboardFile, "dashboardFile");
    Objects.requireNonNull(dashboardTitle, "dashboardTitle");
    Objects.requireNonNull(query, "query");
    detail = detail == null ? "" : detail;
  }

  /** Where the query sits: {@code panel "Request rate" (id 2)} or {@code variable $route}. */
  public String where() {
    if (variableName != null) {
      return "variable $" + variableName;
    }
    return "panel \"" + panelTitle + "\"" + (panelId == null ? "" : " (id " + panelId + ")");
  }

  /** One line saying what is wrong, without the location. */
  public String summary() {
    String text =
        switch (kind) {
          case MISSING_METRIC -> "metric " + metric + " is not exposed";
          case MISSING_LABEL -> "label " + label + " is never carried by " + metric;
          case INVALID_QUERY -> "query is not valid PromQL";
        };
    return detail.isEmpty() ? text : text + " (" + detail + ")";
  }

  @Override
  public String toString() {
    return "dashboard \"" + dashboardTitle + "\" (" + dashboardFile + "), " + where() + ": " + summary()
        + "; query: " + query;
  }
}
