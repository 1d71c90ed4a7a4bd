package io.scanium.telemetry.dashboard;

import io.scanium.telemetry.dashboard.DashboardProblem.Kind;
import io.scanium.telemetry.dashboard.PromqlAnalyzer.Analysis;
import io.scanium.telemetry.dashboard.PromqlAnalyzer.LabelClause;
import io.scanium.telemetry.dashboard.PromqlAnalyzer.SelectorUse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** Compares what one dashboard query reads with what the service exposes. */
final class ContractChecker {

  /**
   * Series that Prometheus (or Alloy) writes for every scrape target itself; a dashboard may always query them, with
   * the target labels.
   */
  static final Set<String> SCRAPE_METRICS =
      Set.of(
          "up",
          "scrape_duration_seconds",
          "scrape_samples_scraped",
          "scrape_samples_post_metric_relabeling",
          "scrape_series_added");

  // Grafana's Prometheus variable query functions; anything else is sent to the series API as a selector.
  private static final Pattern LABEL_VALUES = function("label_values");
  private static final Pattern LABEL_NAMES = function("label_names");
  private static final Pattern METRICS = function("metrics");
  private static final Pattern QUERY_RESULT = function("query_result");

  private final ExposedSeries exposed;
  private final Set<String> allNames;

  ContractChecker(ExposedSeries exposed) {
    this.exposed = exposed;
    Set<String> names = new TreeSet<>(exposed.metricNames());
    names.addAll(SCRAPE_METRICS);
    this.allNames = names;
  }

  private static Pattern function(String name) {
    return Pattern.compile("^\\s*" + name + "\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
  }

  /** Every problem of the query, each reported once. */
  List<DashboardProblem> check(DashboardQuery query) {
    Problems problems = new Problems(query);
    try {
      if (query.isVariable()) {
        variable(query.query(), problems);
      } else {
        expression(query.query(), problems);
      }
    } catch (PromqlSyntaxException e) {
      problems.add(Kind.INVALID_QUERY, null, null, e.getMessage());
    }
    return problems.list();
  }

  private Analysis expression(String promql, Problems problems) {
    Analysis analysis = PromqlAnalyzer.analyze(promql);
    for (SelectorUse use : analysis.selectors()) {
      selector(use, problems);
    }
    for (LabelClause clause : analysis.clauses()) {
      clause(clause, problems);
    }
    return analysis;
  }

  private void variable(String query, Problems problems) {
    Matcher m = LABEL_VALUES.matcher(query);
    if (m.matches()) {
      labelValues(m.group(1), problems);
      return;
    }
    m = LABEL_NAMES.matcher(query);
    if (m.matches()) {
      if (!m.group(1).isBlank()) {
        expression(m.group(1), problems);
      }
      return;
    }
    m = METRICS.matcher(query);
    if (m.matches()) {
      metrics(m.group(1).strip(), problems);
      return;
    }
    m = QUERY_RESULT.matcher(query);
    expression(m.matches() ? m.group(1) : query, problems);
  }

  private void labelValues(String arguments, Problems problems) {
    int comma = lastTopLevelComma(arguments);
    if (comma < 0) {
      // label_values(label) lists the label's values across all metrics: no metric to check it against.
      return;
    }
    String label = arguments.substring(comma + 1).strip();
    Analysis analysis = expression(arguments.substring(0, comma), problems);
    if (!label.isEmpty() && !label.contains("$") && !label.contains("[[")) {
      clause(new LabelClause("label_values", List.of(label), analysis.selectors(), Set.of()), problems);
    }
  }

  private void metrics(String regex, Problems problems) {
    String substituted = GrafanaVariables.substitute(regex).replace(GrafanaVariables.PLACEHOLDER, ".*");
    Pattern pattern;
    try {
      pattern = Pattern.compile(substituted);
    } catch (PatternSyntaxException e) {
      problems.add(Kind.INVALID_QUERY, null, null, "invalid regex in metrics(): " + e.getDescription());
      return;
    }
    // Grafana filters the metric name list with an unanchored search, not a full match.
    boolean any = allNames.stream().anyMatch(name -> pattern.matcher(name).find());
    if (!any) {
      problems.add(Kind.MISSING_METRIC, "metrics(" + regex + ")", null, "no exposed metric name matches");
    }
  }

  private void selector(SelectorUse use, Problems problems) {
    Resolution resolution = resolve(use);
    if (resolution == null) {
      return;
    }
    if (resolution.names().isEmpty()) {
      problems.add(Kind.MISSING_METRIC, use.displayName(), null, use.metric() == null ? "" : similar(use.metric()));
      return;
    }
    if (!resolution.labelsKnown()) {
      return;
    }
    for (String label : use.labels()) {
      if (!resolution.labels().contains(label)) {
        String metric = use.metric() != null ? use.metric() : use.displayName();
        problems.add(Kind.MISSING_LABEL, metric, label, "in a matcher; " + exposedLabels(resolution.names()));
      }
    }
  }

  private void clause(LabelClause clause, Problems problems) {
    Set<String> names = new TreeSet<>();
    Set<String> available = new HashSet<>(clause.createdLabels());
    for (SelectorUse use : clause.selectors()) {
      Resolution resolution = resolve(use);
      if (resolution == null) {
        return;
      }
      if (resolution.names().isEmpty()) {
        // Already reported as missing; its labels say nothing.
        continue;
      }
      if (!resolution.labelsKnown()) {
        return;
      }
      names.addAll(resolution.names());
      available.addAll(resolution.labels());
    }
    if (names.isEmpty()) {
      return;
    }
    // Lenient on purpose: a label is fine when any selector under the clause can carry it.
    for (String label : clause.labels()) {
      if (!available.contains(label)) {
        String where = clause.clause().equals("label_values") ? "in label_values" : "in " + clause.clause() + " (...)";
        problems.add(Kind.MISSING_LABEL, String.join(", ", names), label, where + "; " + exposedLabels(names));
      }
    }
  }

  /** The names a selector can match and the labels they carry; null when the selector cannot be checked. */
  private Resolution resolve(SelectorUse use) {
    if (use.nameUnknown()) {
      return null;
    }
    Set<String> names = new TreeSet<>();
    if (use.metric() != null) {
      if (allNames.contains(use.metric())) {
        names.add(use.metric());
      }
    } else {
      // Prometheus anchors regex matchers at both ends.
      for (String name : allNames) {
        if (use.namePattern().matcher(name).matches()) {
          names.add(name);
        }
      }
    }
    Set<String> labels = new HashSet<>(exposed.targetLabels());
    boolean known = true;
    for (String name : names) {
      labels.addAll(exposed.labelNames(name));
      known &= exposed.labelsKnown(name) || (SCRAPE_METRICS.contains(name) && !exposed.contains(name));
      if (name.endsWith("_bucket")) {
        // Every classic histogram bucket carries le, whatever a hand-built contract forgot to list.
        labels.add("le");
      }
    }
    return new Resolution(names, labels, known);
  }

  private record Resolution(Set<String> names, Set<String> labels, boolean labelsKnown) {}

  private String exposedLabels(Set<String> names) {
    Set<String> labels = new TreeSet<>();
    names.forEach(name -> labels.addAll(exposed.labelNames(name)));
    return labels.isEmpty() ? "its series carry no labels" : "its labels: " + String.join(", ", labels);
  }

  /** Exposed names sharing the most leading and trailing words with the missing one, as a hint. */
  private String similar(String missing) {
    String[] words = missing.split("_");
    int best = 2;
    List<String> candidates = new ArrayList<>();
    for (String name : exposed.metricNames()) {
      String[] other = name.split("_");
      int lead = 0;
      while (lead < words.length && lead < other.length && words[lead].equals(other[lead])) {
        lead++;
      }
      int trail = 0;
      while (trail < words.length - lead
          && trail < other.length - lead
          && words[words.length - 1 - trail].equals(other[other.length - 1 - trail])) {
        trail++;
      }
      // One shared word (scanium_..., ..._total) is a coincidence, not a hint.
      if (lead < 2 && trail < 2) {
        continue;
      }
      int score = lead + trail;
      if (score > best) {
        best = score;
        candidates.clear();
      }
      if (score == best) {
        candidates.add(name);
      }
    }
    if (candidates.isEmpty()) {
      return "";
    }
    return "similar exposed names: " + candidates.stream().limit(3).collect(Collectors.joining(", "));
  }

  private static int lastTopLevelComma(String arguments) {
    int depth = 0;
    char quote = 0;
    int last = -1;
    for (int i = 0; i < arguments.length(); i++) {
      char c = arguments.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if (c == ')' || c == '}' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        last = i;
      }
    }
    return last;
  }

  /** The problems of one query, each (kind, metric, label) once. */
  private static final class Problems {
    private final DashboardQuery query;
    private final Set<String> seen = new HashSet<>();
    private final Set<DashboardProblem> problems = new LinkedHashSet<>();

    Problems(DashboardQuery query) {
      this.query = query;
    }

    void add(Kind kind, String metric, String label, String detail) {
      if (seen.add(kind + "\0" + metric + "\0" + label)) {
        problems.add(
            new DashboardProblem(
                kind,
                query.file(),
                query.dashboardTitle(),
                query.panelTitle(),
                query.panelId(),
                query.variableName(),
                metric,
                label,
                query.query(),
                detail));
      }
    }

    List<DashboardProblem> list() {
      return List.copyOf(problems);
    }
  }
}
