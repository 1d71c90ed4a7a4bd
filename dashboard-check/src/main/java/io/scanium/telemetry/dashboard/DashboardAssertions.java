package io.scanium.telemetry.dashboard;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;

/**
 * JUnit-friendly assertions of the dashboard contract: they throw {@link AssertionError}, which every test framework
 * reports as a failure, with the full {@link DashboardCheckReport} as the message.
 *
 * <pre>{@code
 * @Test
 * void dashboardsQueryOnlyWhatTheServiceExports() {
 *   assertDashboardsMatch(ExposedSeries.fromRegistry(registry), Path.of("monitoring/grafana/dashboards"));
 * }
 * }</pre>
 */
public final class DashboardAssertions {

  private DashboardAssertions() {}

  /**
   * Checks the dashboards (files or directories) against the exposed series.
   *
   * @return the clean report, e.g. to assert on how many queries were checked
   * @throws AssertionError naming dashboard, panel or variable, metric and label of every problem
   */
  public static DashboardCheckReport assertDashboardsMatch(ExposedSeries exposed, Path... dashboards) {
    return assertDashboardsMatch(exposed, Arrays.asList(dashboards));
  }

  /**
   * Checks the dashboards (files or directories) against the exposed series.
   *
   * @return the clean report, e.g. to assert on how many queries were checked
   * @throws AssertionError naming dashboard, panel or variable, metric and label of every problem
   */
  public static DashboardCheckReport assertDashboardsMatch(
      ExposedSeries exposed, Collection<? extends Path> dashboards) {
    return assertClean(DashboardCheck.of(dashboards).against(exposed).check());
  }

  /**
   * Fails unless the report is clean.
   *
   * @return the same report
   * @throws AssertionError naming dashboard, panel or variable, metric and label of every problem
   */
  public static DashboardCheckReport assertClean(DashboardCheckReport report) {
    if (!report.isClean()) {
      throw new AssertionError(
          System.lineSeparator()
              + "Expecting every dashboard query to use only exposed metric and label names, but:"
              + System.lineSeparator()
              + report);
    }
    return report;
  }
}
