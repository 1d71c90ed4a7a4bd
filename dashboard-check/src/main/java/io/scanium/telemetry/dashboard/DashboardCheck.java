package io.scanium.telemetry.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The dashboard contract check: every metric name and label name that a Grafana dashboard queries must be one the
 * service exposes.
 *
 * <pre>{@code
 * DashboardCheckReport report =
 *     DashboardCheck.of(Path.of("monitoring/grafana/dashboards"))
 *         .against(ExposedSeries.fromScrapeFile(Path.of("scrape.txt")))
 *         .check();
 * }</pre>
 *
 * <p>What is checked: the PromQL of panel targets at any depth (rows, collapsed rows, library panels) and of query
 * variables ({@code label_values(metric, label)}, {@code metrics(regex)}, {@code query_result(...)}). Loki and Tempo
 * queries are skipped. Grafana variables are treated as "any value": a selector whose metric name is a variable is
 * not checked, a label value that is a variable still names its label. A {@code by}/{@code on}/... label counts as
 * missing only when none of the selectors under the clause carries it. Prometheus' own per-target series
 * ({@code up}, {@code scrape_duration_seconds}, ...) always exist.
 *
 * <p>Instances are immutable; {@link #check()} reads the files each time it is called.
 */
public final class DashboardCheck {

  private final List<Path> dashboards;
  private final ExposedSeries exposed;

  private DashboardCheck(List<Path> dashboards, ExposedSeries exposed) {
    this.dashboards = dashboards;
    this.exposed = exposed;
  }

  /** Dashboards to check: JSON files, or directories searched recursively for {@code *.json} dashboards. */
  public static DashboardCheck of(Path... dashboards) {
    return of(Arrays.asList(dashboards));
  }

  /** Dashboards to check: JSON files, or directories searched recursively for {@code *.json} dashboards. */
  public static DashboardCheck of(Collection<? extends Path> dashboards) {
    List<Path> paths = List.copyOf(dashboards);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("No dashboard file or directory given");
    }
    return new DashboardCheck(paths, null);
  }

  /** The series the service exposes, which the dashboards are checked against. */
  public DashboardCheck against(ExposedSeries exposedSeries) {
    return new DashboardCheck(dashboards, Objects.requireNonNull(exposedSeries, "exposedSeries"));
  }

  /**
   * Reads the dashboards and checks every query.
   *
   * @throws IllegalStateException when {@link #against} was not called
   * @throws UncheckedIOException when a dashboard cannot be read or is not JSON, or a path does not exist; the
   *     message names the file
   * @throws IllegalArgumentException when a file given by name is not a Grafana dashboard, or a directory holds none
   */
  public DashboardCheckReport check() {
    if (exposed == null) {
      throw new IllegalStateException("Call against(ExposedSeries) before check()");
    }
    List<DashboardReader.Dashboard> read = new ArrayList<>();
    for (Path path : dashboards) {
      read.addAll(dashboardsAt(path));
    }
    ContractChecker checker = new ContractChecker(exposed);
    List<DashboardProblem> problems = new ArrayList<>();
    int queries = 0;
    for (DashboardReader.Dashboard dashboard : read) {
      for (DashboardQuery query : dashboard.queries()) {
        queries++;
        problems.addAll(checker.check(query));
      }
    }
    return new DashboardCheckReport(problems, read.size(), queries, exposed);
  }

  private static List<DashboardReader.Dashboard> dashboardsAt(Path path) {
    if (Files.isDirectory(path)) {
      List<DashboardReader.Dashboard> found = new ArrayList<>();
      for (Path file : jsonFilesUnder(path)) {
        // Provisioning folders also hold other JSON; only dashboards count.
        DashboardReader.Dashboard dashboard = DashboardReader.read(file);
        if (dashboard != null) {
          found.add(dashboard);
        }
      }
      if (found.isEmpty()) {
        // A wrong directory must not pass as "all dashboards fine".
        throw new IllegalArgumentException("No Grafana dashboard JSON file under " + path);
      }
      return found;
    }
    if (!Files.exists(path)) {
      throw new UncheckedIOException(
          "Cannot read dashboard " + path + ": no such file or directory",
          new NoSuchFileException(path.toString()));
    }
    DashboardReader.Dashboard dashboard = DashboardReader.read(path);
    if (dashboard == null) {
      throw new IllegalArgumentException(path + " is not a Grafana dashboard (no panels, rows or templating)");
    }
    return List.of(dashboard);
  }

  private static List<Path> jsonFilesUnder(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list dashboards under " + directory + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      // Files.walk reports an unreadable subdirectory while streaming, wrapped.
      throw new UncheckedIOException(
          "Cannot list dashboards under " + directory + ": " + e.getMessage(), e.getCause());
    }
  }
}
