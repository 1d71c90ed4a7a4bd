package io.scanium.telemetry.dashboard;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces Grafana template variables in a query with text that keeps the query valid PromQL.
 *
 * <p>Grafana expands variables before Prometheus sees the query, so a dashboard query is not PromQL until they are
 * gone. The replacement depends on where the variable stands, because the same {@code $x} can be a label value, a
 * range or a whole metric name: in a string it becomes {@link #PLACEHOLDER}, in a range ({@code [...]}) or after
 * {@code offset} it becomes a duration, elsewhere it becomes the placeholder identifier, which the analysis treats as
 * "unknown, do not check".
 */
final class GrafanaVariables {

  /**
   * Stands for a variable's value. The leading double underscore is reserved by Prometheus for internal names, so no
   * exported series can carry it: a selector named this way is never mistaken for a real metric.
   */
  static final String PLACEHOLDER = "__grafana_var__";

  /** What every range-like variable becomes; any valid duration would do. */
  static final String DURATION = "5m";

  private static final Set<String> DURATION_BUILTINS = Set.of("__rate_interval", "__interval", "__range", "__auto");
  private static final Set<String> MILLISECOND_BUILTINS = Set.of("__interval_ms", "__range_ms", "__rate_interval_ms");
  private static final Set<String> NUMBER_BUILTINS = Set.of("__range_s", "__from", "__to");

  // The three syntaxes Grafana accepts: $name, ${name[.field][:format]} and the deprecated [[name[:format]]].
  private static final Pattern DOLLAR = Pattern.compile("\\$(\\w+)");
  private static final Pattern BRACED = Pattern.compile("\\$\\{(\\w+)(?:\\.[^:}]*)?(?::[^}]*)?}");
  private static final Pattern DOUBLE_BRACKET = Pattern.compile("\\[\\[(\\w+)(?::[^\\]]*)?]]");
  private static final Pattern WORD_BEFORE = Pattern.compile("([A-Za-z_]+)\\s*$");

  private GrafanaVariables() {}

  /** Returns the query with every Grafana variable replaced; text that holds no variable comes back unchanged. */
  static String substitute(String query) {
    StringBuilder out = new StringBuilder(query.length() + 16);
    char quote = 0;
    int bracketDepth = 0;
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (quote == 0 && c == '#') {
        // A PromQL comment runs to the end of the line; variables in it mean nothing.
        int end = query.indexOf('\n', i);
        end = end < 0 ? query.length() : end;
        out.append(query, i, end);
        i = end;
        continue;
      }
      Matcher variable = variableAt(query, i);
      if (variable != null) {
        out.append(replacement(variable.group(1), quote != 0, bracketDepth > 0 || afterOffset(out)));
        i = variable.end();
        continue;
      }
      if (quote != 0) {
        if (c == '\\' && quote != '`' && i + 1 < query.length()) {
          out.append(c).append(query.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '[') {
        bracketDepth++;
      } else if (c == ']' && bracketDepth > 0) {
        bracketDepth--;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static Matcher variableAt(String query, int index) {
    char c = query.charAt(index);
    if (c == '$') {
      for (Pattern pattern : new Pattern[] {BRACED, DOLLAR}) {
        Matcher m = pattern.matcher(query).region(index, query.length());
        if (m.lookingAt()) {
          return m;
        }
      }
    } else if (c == '[' && query.startsWith("[[", index)) {
      Matcher m = DOUBLE_BRACKET.matcher(query).region(index, query.length());
      if (m.lookingAt()) {
        return m;
      }
    }
    return null;
  }

  private static String replacement(String name, boolean inString, boolean durationContext) {
    if (inString) {
      return PLACEHOLDER;
    }
    if (DURATION_BUILTINS.contains(name) || durationContext) {
      return DURATION;
    }
    if (MILLISECOND_BUILTINS.contains(name)) {
      return "300000";
    }
    if (NUMBER_BUILTINS.contains(name)) {
      return "300";
    }
    return PLACEHOLDER;
  }

  private static boolean afterOffset(CharSequence before) {
    Matcher m = WORD_BEFORE.matcher(before);
    return m.find() && m.group(1).equalsIgnoreCase("offset");
  }
}
