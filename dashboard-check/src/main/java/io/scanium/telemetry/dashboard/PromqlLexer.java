package io.scanium.telemetry.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a PromQL expression into tokens.
 *
 * <p>Hand-written rather than borrowed: no maintained PromQL parser is published for Java (the grammars that exist
 * live inside FiloDB and Elasticsearch, and the one stand-alone artifact on Maven Central is a single unmaintained
 * release). The dashboard check needs only the names an expression selects and groups by, which a small recursive
 * descent parser over these tokens yields without a grammar tool in the build.
 */
final class PromqlLexer {

  enum Kind {
    IDENTIFIER,
    NUMBER,
    DURATION,
    STRING,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACE,
    RIGHT_BRACE,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    COLON,
    AT,
    OPERATOR,
    END
  }

  /** One token: {@code text} is the unquoted value of a string, the source text otherwise; offsets index the input. */
  record Token(Kind kind, String text, int position, int end) {
    boolean is(Kind expected) {
      return kind == expected;
    }

    boolean isWord(String word) {
      return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    boolean isOperator(String operator) {
      return kind == Kind.OPERATOR && text.equals(operator);
    }
  }

  // Units may be chained (1h30m); ms must be tried before m.
  private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|[smhdwy]))+");
  private static final Pattern NUMBER =
      Pattern.compile("0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  // Two-character operators first, so that "<=" is not read as "<" followed by "=".
  private static final String[] OPERATORS = {
    "==", "!=", "<=", ">=", "=~", "!~", "+", "-", "*", "/", "%", "^", "<", ">", "="
  };

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int position;
  private int bracketDepth;

  private PromqlLexer(String input) {
    this.input = input;
  }

  /** Tokenizes the expression; the list always ends with an {@link Kind#END} token. */
  static List<Token> tokenize(String expression) {
    PromqlLexer lexer = new PromqlLexer(expression);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (position < input.length()) {
      char c = input.charAt(position);
      if (Character.isWhitespace(c)) {
        position++;
      } else if (c == '#') {
        int end = input.indexOf('\n', position);
        position = end < 0 ? input.length() : end;
      } else if (isIdentifierStart(c)) {
        identifier();
      } else if (isDigit(c) || (c == '.' && position + 1 < input.length() && isDigit(input.charAt(position + 1)))) {
        numberOrDuration();
      } else if (c == '"' || c == '\'' || c == '`') {
        string(c);
      } else {
        punctuation(c);
      }
    }
    tokens.add(new Token(Kind.END, "", input.length(), input.length()));
  }

  private boolean isIdentifierStart(char c) {
    // Inside a range a colon separates range and step ([30m:1m]); elsewhere it may start a recording rule name.
    return Character.isLetter(c) || c == '_' || (c == ':' && bracketDepth == 0);
  }

  private boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || (c == ':' && bracketDepth == 0);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void identifier() {
    int start = position;
    while (position < input.length() && isIdentifierPart(input.charAt(position))) {
      position++;
    }
    tokens.add(new Token(Kind.IDENTIFIER, input.substring(start, position), start, position));
  }

  private void numberOrDuration() {
    int start = position;
    Matcher duration = DURATION.matcher(input).region(start, input.length());
    if (duration.lookingAt() && !followedByWordCharacter(duration.end())) {
      position = duration.end();
      tokens.add(new Token(Kind.DURATION, input.substring(start, position), start, position));
      return;
    }
    Matcher number = NUMBER.matcher(input).region(start, input.length());
    if (!number.lookingAt()) {
      throw new PromqlSyntaxException("bad number", start);
    }
    position = number.end();
    if (followedByWordCharacter(position)) {
      throw new PromqlSyntaxException("bad number or duration '" + word(start) + "'", start);
    }
    tokens.add(new Token(Kind.NUMBER, input.substring(start, position), start, position));
  }

  private boolean followedByWordCharacter(int index) {
    return index < input.length() && (Character.isLetterOrDigit(input.charAt(index)) || input.charAt(index) == '_');
  }

  private String word(int start) {
    int end = start;
    while (end < input.length() && (Character.isLetterOrDigit(input.charAt(end)) || input.charAt(end) == '.')) {
      end++;
    }
    return input.substring(start, end);
  }

  private void string(char quote) {
    int start = position;
    StringBuilder value = new StringBuilder();
    position++;
    while (position < input.length()) {
      char c = input.charAt(position);
      if (c == quote) {
        position++;
        tokens.add(new Token(Kind.STRING, value.toString(), start, position));
        return;
      }
      if (c == '\\' && quote != '`' && position + 1 < input.length()) {
        value.append(unescape(input.charAt(position + 1)));
        position += 2;
        continue;
      }
      if (c == '\n' && quote != '`') {
        break;
      }
      value.append(c);
      position++;
    }
    throw new PromqlSyntaxException("unterminated string", start);
  }

  private static String unescape(char escaped) {
    return switch (escaped) {
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'r' -> "\r";
      case '\\', '"', '\'' -> String.valueOf(escaped);
      // Anything else is kept as written so that a regex escape such as \. survives into the pattern.
      default -> "\\" + escaped;
    };
  }

  private void punctuation(char c) {
    int start = position;
    Kind kind =
        switch (c) {
          case '(' -> Kind.LEFT_PAREN;
          case ')' -> Kind.RIGHT_PAREN;
          case '{' -> Kind.LEFT_BRACE;
          case '}' -> Kind.RIGHT_BRACE;
          case '[' -> Kind.LEFT_BRACKET;
          case ']' -> Kind.RIGHT_BRACKET;
          case ',' -> Kind.COMMA;
          case ':' -> Kind.COLON;
          case '@' -> Kind.AT;
          default -> null;
        };
    if (kind != null) {
      if (kind == Kind.LEFT_BRACKET) {
        bracketDepth++;
      } else if (kind == Kind.RIGHT_BRACKET && bracketDepth > 0) {
        bracketDepth--;
      }
      position++;
      tokens.add(new Token(kind, String.valueOf(c), start, position));
      return;
    }
    for (String operator : OPERATORS) {
      if (input.startsWith(operator, position)) {
        position += operator.length();
        tokens.add(new Token(Kind.OPERATOR, operator, start, position));
        return;
      }
    }
    throw new PromqlSyntaxException("unexpected character '" + c + "'", start);
  }
}
