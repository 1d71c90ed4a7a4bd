package io.scanium.telemetry.dashboard;

import java.util.List;

/**
 * The parts of a parsed PromQL expression that decide which series it reads. Offsets, {@code @} modifiers and range
 * lengths are parsed and then dropped: they change when, not what, a query selects.
 */
sealed interface PromqlExpr
    permits PromqlExpr.Selector,
        PromqlExpr.Aggregation,
        PromqlExpr.Call,
        PromqlExpr.Binary,
        PromqlExpr.Unary,
        PromqlExpr.Paren,
        PromqlExpr.Ranged,
        PromqlExpr.NumberLiteral,
        PromqlExpr.StringLiteral {

  /** {@code name{matchers}}; {@code name} is null for {@code {__name__="x"}} and other name-less selectors. */
  record Selector(String name, List<LabelMatcher> matchers, String text) implements PromqlExpr {}

  /** One {@code label op "value"} inside braces. */
  record LabelMatcher(String label, String operator, String value) {}

  /** {@code by (...)}, {@code without (...)}, {@code on (...)}, {@code ignoring (...)}, {@code group_left (...)}. */
  record Grouping(String keyword, List<String> labels) {}

  /** {@code sum by (le) (...)}, {@code topk(5, ...)}; {@code grouping} is null when none was written. */
  record Aggregation(String operator, Grouping grouping, List<PromqlExpr> arguments) implements PromqlExpr {}

  /** A function call such as {@code rate(...)} or {@code label_replace(...)}. */
  record Call(String function, List<PromqlExpr> arguments) implements PromqlExpr {}

  /** {@code lhs op rhs} with its vector matching clauses. */
  record Binary(String operator, PromqlExpr left, PromqlExpr right, List<Grouping> matching) implements PromqlExpr {}

  /** {@code -expr} or {@code +expr}. */
  record Unary(String operator, PromqlExpr operand) implements PromqlExpr {}

  /** {@code (expr)}. */
  record Paren(PromqlExpr inner) implements PromqlExpr {}

  /** {@code expr[5m]} or a subquery {@code expr[30m:1m]}. */
  record Ranged(PromqlExpr inner, boolean subquery) implements PromqlExpr {}

  /** A number, {@code Inf}, {@code NaN} or a duration used as a number. */
  record NumberLiteral(String text) implements PromqlExpr {}

  /** A string argument, e.g. the label names of {@code label_replace}. */
  record StringLiteral(String value) implements PromqlExpr {}
}
