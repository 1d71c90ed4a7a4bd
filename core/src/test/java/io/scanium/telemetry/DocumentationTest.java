package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.internal.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SCANIUM_* variables and the metric names are public API: the README and docs must list every one of them. */
class DocumentationTest {

  private static String read(String relative) throws Exception {
    Path p = Path.of(relative);
    if (!Files.exists(p)) {
      p = Path.of("..").resolve(relative);
    }
    return Files.readString(p);
  }

  @Test
  void readmeListsEverySettingWithItsDefault() throws Exception {
    String readme = read("README.md");
    for (Setting s : Setting.values()) {
      assertThat(readme).as("README row for %s", s.variable())
          .contains("| `" + s.variable() + "` | " + (s.defaultValue().isEmpty() ? "(none)" : "`" + s.defaultValue()
              + "`") + " |");
    }
  }

  @Test
  void metricsDocListsEveryMetricName() throws Exception {
    String doc = read("docs/metrics.md");
    for (String name : new String[] {ScaniumMetrics.HTTP_REQUESTS_TOTAL, ScaniumMetrics.HTTP_REQUEST_DURATION_MS,
        ScaniumMetrics.HTTP_REQUESTS_IN_FLIGHT, ScaniumMetrics.TELEMETRY_INFO, ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL,
        ScaniumMetrics.TELEMETRY_EXPORT_FAILED_TOTAL, ScaniumMetrics.TELEMETRY_EXPORT_FAILURES_TOTAL,
        ScaniumMetrics.TELEMETRY_EXPORT_UP, ScaniumMetrics.TELEMETRY_DROPPED_TOTAL,
        ScaniumMetrics.TELEMETRY_SIGNAL_DISABLED}) {
      assertThat(doc).as("docs/metrics.md mentions %s", name).contains("`" + name);
    }
    assertThat(doc).contains("`5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, +Inf`");
  }
}
