package io.scanium.telemetry.dashboard;

import io.scanium.telemetry.dashboard.PromqlExpr.Aggregation;
import io.scanium.telemetry.dashboard.PromqlExpr.Binary;
import io.scanium.telemetry.dashboard.PromqlExpr.Call;
import io.scanium.telemetry.dashboard.PromqlExpr.Grouping;
import io.scanium.telemetry.dashboard.PromqlExpr.LabelMatcher;
import io.scanium.telemetry.dashboard.PromqlExpr.Paren;
import io.scanium.telemetry.dashboard.PromqlExpr.Ranged;
import io.scanium.telemetry.dashboard.PromqlExpr.Selector;
import io.scanium.telemetry.dashboard.PromqlExpr.StringLiteral;
import io.scanium.telemetry.dashboard.PromqlExpr.Unary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Finds, in one dashboard query, every series selector and every label name the query groups or matches by. */
final class PromqlAnalyzer {

  private static final String NAME_LABEL = "__name__";

  /**
   * One selector. Exactly one of three holds: {@code metric} is set (an exact name), {@code namePattern} is set (a
   * regex name, or a name assembled around a variable), or {@link #nameUnknown()} (a variable, a negated name, or no
   * name at all), in which case the selector cannot be checked.
   *
   * @param metric the exact metric name, or null
   * @param namePattern the pattern a matching metric name must match in full, or null
   * @param displayName how the report names this selector's metric
   * @param labels label names of the matchers, without {@code __name__} and without variable-named labels
   * @param text the selector as written (after variable substitution)
   */
  record SelectorUse(String metric, Pattern namePattern, String displayName, List<String> labels, String text) {
    boolean nameUnknown() {
      return metric == null && namePattern == null;
    }
  }

  /**
   * Label names of one {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_*} clause (or the label of
   * a {@code label_values} variable) with the selectors it applies to.
   *
   * @param clause the keyword, for the report
   * @param labels the label names written in the clause
   * @param selectors every selector under the clause
   * @param createdLabels labels that functions under the clause create ({@code label_replace} and friends)
   */
  record LabelClause(String clause, List<String> labels, List<SelectorUse> selectors, Set<String> createdLabels) {}

  /** Everything one query reads. */
  record Analysis(List<SelectorUse> selectors, List<LabelClause> clauses) {}

  private PromqlAnalyzer() {}

  /**
   * Substitutes Grafana variables, parses and analyses a query.
   *
   * @throws PromqlSyntaxException when the query is not PromQL
   */
  static Analysis analyze(String query) {
    PromqlExpr expression = PromqlParser.parse(GrafanaVariables.substitute(query));
    Scope scope = new Scope();
    List<LabelClause> clauses = new ArrayList<>();
    walk(expression, scope, clauses);
    return new Analysis(List.copyOf(scope.selectors), List.copyOf(clauses));
  }

  /** The selectors and created labels found under one node; merged into the parent when the node is done. */
  private static final class Scope {
    final List<SelectorUse> selectors = new ArrayList<>();
    final Set<String> created = new LinkedHashSet<>();

    void absorb(Scope inner) {
      selectors.addAll(inner.selectors);
      created.addAll(inner.created);
    }
  }

  private static void walk(PromqlExpr expression, Scope scope, List<LabelClause> clauses) {
    if (expression instanceof Selector selector) {
      scope.selectors.add(use(selector));
    } else if (expression instanceof Aggregation aggregation) {
      Scope inner = new Scope();
      for (PromqlExpr argument : aggregation.arguments()) {
        walk(argument, inner, clauses);
      }
      if (aggregation.grouping() != null) {
        clauses.add(clause(aggregation.grouping(), inner));
      }
      scope.absorb(inner);
      if (aggregation.operator().equals("count_values")
          && aggregation.arguments().get(0) instanceof StringLiteral label) {
        scope.created.add(label.value());
      }
    } else if (expression instanceof Binary binary) {
      Scope inner = new Scope();
      walk(binary.left(), inner, clauses);
      walk(binary.right(), inner, clauses);
      // A matching clause applies to both sides: a label is fine when either side can carry it.
      for (Grouping grouping : binary.matching()) {
        clauses.add(clause(grouping, inner));
      }
      scope.absorb(inner);
    } else if (expression instanceof Call call) {
      for (PromqlExpr argument : call.arguments()) {
        walk(argument, scope, clauses);
      }
      boolean createsLabel = call.function().equals("label_replace") || call.function().equals("label_join");
      if (createsLabel && call.arguments().size() > 1 && call.arguments().get(1) instanceof StringLiteral label) {
        scope.created.add(label.value());
      }
    } else if (expression instanceof Unary unary) {
      walk(unary.operand(), scope, clauses);
    } else if (expression instanceof Paren paren) {
      walk(paren.inner(), scope, clauses);
    } else if (expression instanceof Ranged ranged) {
      walk(ranged.inner(), scope, clauses);
    }
  }

  private static LabelClause clause(Grouping grouping, Scope inner) {
    List<String> labels = new ArrayList<>();
    for (String label : grouping.labels()) {
      if (!label.contains(GrafanaVariables.PLACEHOLDER)) {
        labels.add(label);
      }
    }
    return new LabelClause(
        grouping.keyword(), List.copyOf(labels), List.copyOf(inner.selectors), Set.copyOf(inner.created));
  }

  private static SelectorUse use(Selector selector) {
    String name = selector.name();
    String nameRegex = null;
    Set<String> labels = new LinkedHashSet<>();
    for (LabelMatcher matcher : selector.matchers()) {
      if (matcher.label().equals(NAME_LABEL)) {
        if (name == null && matcher.operator().equals("=")) {
          name = matcher.value();
        } else if (name == null && nameRegex == null && matcher.operator().equals("=~")) {
          nameRegex = matcher.value();
        }
        // A negated name matcher excludes names but selects none in particular.
      } else if (!matcher.label().contains(GrafanaVariables.PLACEHOLDER)) {
        labels.add(matcher.label());
      }
    }
    List<String> labelList = List.copyOf(labels);
    if (name != null) {
      if (name.equals(GrafanaVariables.PLACEHOLDER)) {
        return new SelectorUse(null, null, name, labelList, selector.text());
      }
      if (name.contains(GrafanaVariables.PLACEHOLDER)) {
        return new SelectorUse(null, aroundVariables(name), name, labelList, selector.text());
      }
      return new SelectorUse(name, null, name, labelList, selector.text());
    }
    if (nameRegex != null) {
      String display = "{__name__=~\"" + nameRegex + "\"}";
      try {
        Pattern pattern = Pattern.compile(nameRegex.replace(GrafanaVariables.PLACEHOLDER, ".*"));
        return new SelectorUse(null, pattern, display, labelList, selector.text());
      } catch (PatternSyntaxException e) {
        throw new PromqlSyntaxException("invalid regex for __name__: " + e.getDescription());
      }
    }
    return new SelectorUse(null, null, selector.text(), labelList, selector.text());
  }

  /** A name such as {@code scanium_${kind}_total} matches any exported name that fits around the variable. */
  private static Pattern aroundVariables(String name) {
    StringBuilder regex = new StringBuilder();
    String[] parts = name.split(Pattern.quote(GrafanaVariables.PLACEHOLDER), -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
