package io.scanium.telemetry.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of a {@link DashboardCheck}: every problem, grouped in {@link #toString()} by dashboard, panel or
 * variable, and query, so that the text can go straight into a test failure or a CI log.
 */
public final class DashboardCheckReport {

  private final List<DashboardProblem> problems;
  private final int dashboardsChecked;
  private final int queriesChecked;
  private final String exposedSource;
  private final int exposedNames;

  DashboardCheckReport(
      List<DashboardProblem> problems, int dashboardsChecked, int queriesChecked, ExposedSeries exposed) {
    this.problems = List.copyOf(problems);
    this.dashboardsChecked = dashboardsChecked;
    this.queriesChecked = queriesChecked;
    this.exposedSource = exposed.source();
    this.exposedNames = exposed.metricNames().size();
  }

  /** Every problem, in dashboard order and, within a dashboard, in query order. */
  public List<DashboardProblem> problems() {
    return problems;
  }

  /** True when every checked query reads only exposed metrics and labels. */
  public boolean isClean() {
    return problems.isEmpty();
  }

  /** The names of the metrics that some dashboard queries and the service does not expose, sorted. */
  public Set<String> missingMetrics() {
    Set<String> names = new TreeSet<>();
    for (DashboardProblem problem : problems) {
      if (problem.kind() == DashboardProblem.Kind.MISSING_METRIC) {
        names.add(problem.metric());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** How many dashboard files were read. */
  public int dashboardsChecked() {
    return dashboardsChecked;
  }

  /** How many PromQL queries (panel targets and query variables) were checked. */
  public int queriesChecked() {
    return queriesChecked;
  }

  /** A report for people: a summary line, then each problem under its dashboard, location and query. */
  @Override
  public String toString() {
    String scope =
        dashboardsChecked + " dashboard" + plural(dashboardsChecked) + ", " + queriesChecked + " quer"
            + (queriesChecked == 1 ? "y" : "ies") + " checked against " + exposedNames + " metric name"
            + plural(exposedNames) + " from " + exposedSource;
    if (problems.isEmpty()) {
      return "Dashboard contract check passed: " + scope + ".";
    }
    Map<Path, Map<String, Map<String, List<DashboardProblem>>>> grouped = new LinkedHashMap<>();
    Map<Path, String> titles = new LinkedHashMap<>();
    for (DashboardProblem problem : problems) {
      titles.putIfAbsent(problem.dashboardFile(), problem.dashboardTitle());
      grouped
          .computeIfAbsent(problem.dashboardFile(), f -> new LinkedHashMap<>())
          .computeIfAbsent(problem.where(), w -> new LinkedHashMap<>())
          .computeIfAbsent(problem.query(), q -> new ArrayList<>())
          .add(problem);
    }
    StringBuilder text = new StringBuilder();
    text.append("Dashboard contract check failed: ")
        .append(problems.size())
        .append(" problem")
        .append(plural(problems.size()))
        .append(" in ")
        .append(grouped.size())
        .append(" of ")
        .append(scope)
        .append('.')
        .append(System.lineSeparator());
    grouped.forEach(
        (file, locations) -> {
          text.append(System.lineSeparator())
              .append("Dashboard \"")
              .append(titles.get(file))
              .append("\" (")
              .append(file)
              .append(')')
              .append(System.lineSeparator());
          locations.forEach(
              (where, queries) -> {
                text.append("  ").append(where).append(System.lineSeparator());
                queries.forEach(
                    (query, found) -> {
                      for (DashboardProblem problem : found) {
                        text.append("    - ").append(problem.summary()).append(System.lineSeparator());
                      }
                      text.append("      query: ").append(oneLine(query)).append(System.lineSeparator());
                    });
              });
        });
    return text.toString();
  }

  private static String plural(int count) {
    return count == 1 ? "" : "s";
  }

  private static String oneLine(String query) {
    // Dashboard queries are often pretty-printed over many lines; one line keeps the report scannable.
    return query.strip().replaceAll("\\s+", " ");
  }
}
