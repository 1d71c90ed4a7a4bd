package io.scanium.telemetry.dashboard;

import io.scanium.telemetry.dashboard.PromqlExpr.Aggregation;
import io.scanium.telemetry.dashboard.PromqlExpr.Binary;
import io.scanium.telemetry.dashboard.PromqlExpr.Call;
import io.scanium.telemetry.dashboard.PromqlExpr.Grouping;
import io.scanium.telemetry.dashboard.PromqlExpr.LabelMatcher;
import io.scanium.telemetry.dashboard.PromqlExpr.NumberLiteral;
import io.scanium.telemetry.dashboard.PromqlExpr.Paren;
import io.scanium.telemetry.dashboard.PromqlExpr.Ranged;
import io.scanium.telemetry.dashboard.PromqlExpr.Selector;
import io.scanium.telemetry.dashboard.PromqlExpr.StringLiteral;
import io.scanium.telemetry.dashboard.PromqlExpr.Unary;
import io.scanium.telemetry.dashboard.PromqlLexer.Kind;
import io.scanium.telemetry.dashboard.PromqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive descent parser for PromQL (see {@link PromqlLexer} for why it is hand-written).
 *
 * <p>It follows the Prometheus grammar closely enough to reject what Prometheus rejects in the places that matter to
 * the contract check (a selector must be closed, a matcher needs an operator and a string): a query this parser
 * misreads would otherwise turn into a false "metric missing" report, which is worse than a clear syntax error.
 */
final class PromqlParser {

  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
          "quantile", "limitk", "limit_ratio");

  // Words that the grammar reserves; none of them can stand alone as a metric name.
  private static final Set<String> KEYWORDS =
      Set.of(
          "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless",
          "atan2");

  // Binary operator precedence, loosest first, as in the Prometheus grammar.
  private static final Map<String, Integer> PRECEDENCE =
      Map.ofEntries(
          Map.entry("or", 1),
          Map.entry("and", 2),
          Map.entry("unless", 2),
          Map.entry("==", 3),
          Map.entry("!=", 3),
          Map.entry("<=", 3),
          Map.entry("<", 3),
          Map.entry(">=", 3),
          Map.entry(">", 3),
          Map.entry("+", 4),
          Map.entry("-", 4),
          Map.entry("*", 5),
          Map.entry("/", 5),
          Map.entry("%", 5),
          Map.entry("atan2", 5),
          Map.entry("^", 6));

  private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "unless", "atan2");
  private static final int POWER = 6;
  private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

  private final String source;
  private final List<Token> tokens;
  private int index;

  private PromqlParser(String source) {
    this.source = source;
    this.tokens = PromqlLexer.tokenize(source);
  }

  /** Parses one complete expression; Grafana variables must have been substituted first. */
  static PromqlExpr parse(String expression) {
    PromqlParser parser = new PromqlParser(expression);
    if (parser.peek().is(Kind.END)) {
      throw new PromqlSyntaxException("empty query", 0);
    }
    PromqlExpr result = parser.expression(1);
    Token trailing = parser.peek();
    if (!trailing.is(Kind.END)) {
      throw new PromqlSyntaxException("unexpected '" + trailing.text() + "'", trailing.position());
    }
    return result;
  }

  private PromqlExpr expression(int minimumPrecedence) {
    PromqlExpr left = unary();
    while (true) {
      Token operator = peek();
      Integer precedence = binaryPrecedence(operator);
      if (precedence == null || precedence < minimumPrecedence) {
        return left;
      }
      index++;
      String op = operator.text().toLowerCase(Locale.ROOT);
      List<Grouping> matching = new ArrayList<>();
      if (peek().isWord("bool")) {
        index++;
      }
      if (peek().isWord("on") || peek().isWord("ignoring")) {
        String keyword = next().text().toLowerCase(Locale.ROOT);
        matching.add(new Grouping(keyword, labelList()));
      }
      if (peek().isWord("group_left") || peek().isWord("group_right")) {
        String keyword = next().text().toLowerCase(Locale.ROOT);
        // The label list of group_left/group_right is optional.
        List<String> labels = peek().is(Kind.LEFT_PAREN) ? labelList() : List.of();
        matching.add(new Grouping(keyword, labels));
      }
      // ^ is right-associative; everything else is left-associative.
      PromqlExpr right = expression(precedence == POWER ? precedence : precedence + 1);
      left = new Binary(op, left, right, List.copyOf(matching));
    }
  }

  private static Integer binaryPrecedence(Token token) {
    if (token.is(Kind.OPERATOR) || token.is(Kind.IDENTIFIER)) {
      String text = token.is(Kind.IDENTIFIER) ? token.text().toLowerCase(Locale.ROOT) : token.text();
      if (token.is(Kind.IDENTIFIER) && !WORD_OPERATORS.contains(text)) {
        return null;
      }
      return PRECEDENCE.get(text);
    }
    return null;
  }

  private PromqlExpr unary() {
    Token token = peek();
    if (token.isOperator("-") || token.isOperator("+")) {
      index++;
      // Unary minus binds tighter than * but looser than ^: -2^2 is -(2^2).
      return new Unary(token.text(), expression(POWER));
    }
    return postfix(primary());
  }

  private PromqlExpr postfix(PromqlExpr expression) {
    PromqlExpr result = expression;
    while (true) {
      Token token = peek();
      if (token.is(Kind.LEFT_BRACKET)) {
        index++;
        duration("range");
        boolean subquery = false;
        if (peek().is(Kind.COLON)) {
          index++;
          subquery = true;
          if (!peek().is(Kind.RIGHT_BRACKET)) {
            duration("subquery step");
          }
        }
        expect(Kind.RIGHT_BRACKET, "']'");
        result = new Ranged(result, subquery);
      } else if (token.isWord("offset")) {
        index++;
        if (peek().isOperator("-") || peek().isOperator("+")) {
          index++;
        }
        duration("offset");
      } else if (token.is(Kind.AT)) {
        index++;
        atModifier();
      } else {
        return result;
      }
    }
  }

  private void atModifier() {
    Token token = peek();
    if (token.isOperator("-") || token.isOperator("+")) {
      index++;
      token = peek();
    }
    if (token.is(Kind.NUMBER) || isPlaceholder(token)) {
      index++;
      return;
    }
    if ((token.isWord("start") || token.isWord("end")) && peekAt(1).is(Kind.LEFT_PAREN)) {
      index++;
      expect(Kind.LEFT_PAREN, "'('");
      expect(Kind.RIGHT_PAREN, "')'");
      return;
    }
    throw new PromqlSyntaxException("expected a timestamp, start() or end() after @", token.position());
  }

  private void duration(String what) {
    Token token = peek();
    // Prometheus also accepts a plain number of seconds where a duration is expected.
    if (token.is(Kind.DURATION) || token.is(Kind.NUMBER) || isPlaceholder(token)) {
      index++;
      return;
    }
    throw new PromqlSyntaxException("expected a duration for the " + what, token.position());
  }

  private PromqlExpr primary() {
    Token token = peek();
    switch (token.kind()) {
      case NUMBER, DURATION -> {
        index++;
        return new NumberLiteral(token.text());
      }
      case STRING -> {
        index++;
        return new StringLiteral(token.text());
      }
      case LEFT_PAREN -> {
        index++;
        PromqlExpr inner = expression(1);
        expect(Kind.RIGHT_PAREN, "')'");
        return new Paren(inner);
      }
      case LEFT_BRACE -> {
        return selector(null, token.position());
      }
      case IDENTIFIER -> {
        return identifierExpression(token);
      }
      default -> throw new PromqlSyntaxException(describe(token), token.position());
    }
  }

  private PromqlExpr identifierExpression(Token token) {
    String lower = token.text().toLowerCase(Locale.ROOT);
    Token following = peekAt(1);
    if (AGGREGATIONS.contains(lower)
        && (following.is(Kind.LEFT_PAREN) || following.isWord("by") || following.isWord("without"))) {
      index++;
      return aggregation(lower);
    }
    if (following.is(Kind.LEFT_PAREN)) {
      index++;
      return new Call(lower, arguments());
    }
    if (lower.equals("inf") || lower.equals("nan")) {
      index++;
      return new NumberLiteral(token.text());
    }
    if (KEYWORDS.contains(lower)) {
      throw new PromqlSyntaxException("unexpected keyword '" + token.text() + "'", token.position());
    }
    index++;
    return selector(token.text(), token.position());
  }

  private PromqlExpr aggregation(String operator) {
    Grouping grouping = null;
    if (peek().isWord("by") || peek().isWord("without")) {
      grouping = new Grouping(next().text().toLowerCase(Locale.ROOT), labelList());
    }
    List<PromqlExpr> arguments = arguments();
    if (grouping == null && (peek().isWord("by") || peek().isWord("without"))) {
      grouping = new Grouping(next().text().toLowerCase(Locale.ROOT), labelList());
    }
    if (arguments.isEmpty()) {
      throw new PromqlSyntaxException("aggregation " + operator + " needs an expression", peek().position());
    }
    return new Aggregation(operator, grouping, arguments);
  }

  private List<PromqlExpr> arguments() {
    expect(Kind.LEFT_PAREN, "'('");
    List<PromqlExpr> arguments = new ArrayList<>();
    if (peek().is(Kind.RIGHT_PAREN)) {
      index++;
      return arguments;
    }
    while (true) {
      arguments.add(expression(1));
      if (peek().is(Kind.COMMA)) {
        index++;
        continue;
      }
      expect(Kind.RIGHT_PAREN, "',' or ')'");
      return List.copyOf(arguments);
    }
  }

  private Selector selector(String name, int start) {
    List<LabelMatcher> matchers = new ArrayList<>();
    String metricName = name;
    if (peek().is(Kind.LEFT_BRACE)) {
      index++;
      while (!peek().is(Kind.RIGHT_BRACE)) {
        Token label = next();
        if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.STRING)) {
          throw new PromqlSyntaxException("expected a label name, got " + describe(label), label.position());
        }
        Token operator = peek();
        if (operator.is(Kind.OPERATOR) && MATCH_OPERATORS.contains(operator.text())) {
          index++;
          Token value = next();
          if (!value.is(Kind.STRING)) {
            throw new PromqlSyntaxException("expected a quoted label value, got " + describe(value), value.position());
          }
          matchers.add(new LabelMatcher(label.text(), operator.text(), value.text()));
        } else if (label.is(Kind.STRING) && metricName == null) {
          // Prometheus 3 accepts a quoted metric name as the first element: {"my.metric", job="x"}.
          metricName = label.text();
        } else {
          throw new PromqlSyntaxException(
              "expected a matcher operator after '" + label.text() + "'", operator.position());
        }
        if (peek().is(Kind.COMMA)) {
          index++;
        } else if (!peek().is(Kind.RIGHT_BRACE)) {
          throw new PromqlSyntaxException("expected ',' or '}' in selector", peek().position());
        }
      }
      index++;
    }
    if (metricName == null && matchers.isEmpty()) {
      throw new PromqlSyntaxException("a selector needs a metric name or at least one matcher", start);
    }
    int end = tokens.get(index - 1).end();
    return new Selector(metricName, List.copyOf(matchers), source.substring(start, end));
  }

  private List<String> labelList() {
    expect(Kind.LEFT_PAREN, "'(' after a grouping keyword");
    List<String> labels = new ArrayList<>();
    while (!peek().is(Kind.RIGHT_PAREN)) {
      Token label = next();
      if (!label.is(Kind.IDENTIFIER) && !label.is(Kind.STRING)) {
        throw new PromqlSyntaxException("expected a label name, got " + describe(label), label.position());
      }
      labels.add(label.text());
      if (peek().is(Kind.COMMA)) {
        index++;
      } else if (!peek().is(Kind.RIGHT_PAREN)) {
        throw new PromqlSyntaxException("expected ',' or ')' in label list", peek().position());
      }
    }
    index++;
    return List.copyOf(labels);
  }

  private static boolean isPlaceholder(Token token) {
    return token.is(Kind.IDENTIFIER) && token.text().equals(GrafanaVariables.PLACEHOLDER);
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token token = tokens.get(index);
    if (!token.is(Kind.END)) {
      index++;
    }
    return token;
  }

  private void expect(Kind kind, String what) {
    Token token = peek();
    if (!token.is(kind)) {
      throw new PromqlSyntaxException("expected " + what + ", got " + describe(token), token.position());
    }
    index++;
  }

  private static String describe(Token token) {
    return token.is(Kind.END) ? "end of query" : "'" + token.text() + "'";
  }
}
