package io.scanium.telemetry.dashboard;

import static io.scanium.telemetry.dashboard.DashboardAssertions.assertDashboardsMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardAssertionsTest {

  private static final ExposedSeries CONTRACT = ExposedSeries.fromScrapeFile(ExposedSeriesTest.CONTRACT_SCRAPE);

  @Test
  void passesAndReturnsTheReportWhenEveryQueryMatches() {
    DashboardCheckReport report = assertDashboardsMatch(CONTRACT, TestDashboards.PASSING);

    assertThat(report.dashboardsChecked()).isEqualTo(3);
  }

  @Test
  void failsNamingDashboardPanelAndMetric() {
    assertThatThrownBy(() -> assertDashboardsMatch(CONTRACT, TestDashboards.OPENAI_RUNTIME))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting every dashboard query to use only exposed metric and label names")
        .hasMessageContaining("Scanium - OpenAI Runtime")
        .hasMessageContaining("panel \"Rate limit: requests remaining\" (id 41)")
        .hasMessageContaining("metric openai_rate_limit_requests_remaining is not exposed");
  }

  @Test
  void failsNamingTheLabel(@TempDir Path dir) {
    Path dashboard =
        TestDashboards.withPanels(dir, "Providers", "sum(rate(scanium_http_requests_total{provider=\"x\"}[5m]))");

    assertThatThrownBy(() -> assertDashboardsMatch(CONTRACT, List.of(dashboard)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Dashboard \"Providers\"")
        .hasMessageContaining("panel \"Panel 1\" (id 1)")
        .hasMessageContaining("label provider is never carried by scanium_http_requests_total");
  }

  @Test
  void assertCleanPassesACleanReportThrough() {
    DashboardCheckReport report = DashboardCheck.of(TestDashboards.SYSTEM_OVERVIEW).against(CONTRACT).check();

    assertThat(DashboardAssertions.assertClean(report)).isSameAs(report);
  }
}
