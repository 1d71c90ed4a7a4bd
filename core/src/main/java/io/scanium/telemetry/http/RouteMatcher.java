package io.scanium.telemetry.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches raw request paths to declared route templates, for frameworks that have no templates of their own
 * (the JDK HttpServer, plain servlets). {@code /v1/items/{id}} matches {@code /v1/items/42}; a literal segment
 * beats a parameter ({@code /v1/items/new} wins over {@code /v1/items/{id}} for that path); a final {@code *}
 * matches the rest of the path.
 *
 * <p>Immutable and thread-safe; matching allocates nothing: a segment is compared within the path, never cut out of
 * it.
 */
public final class RouteMatcher {

  private final Node root;
  private final List<String> templates;

  private RouteMatcher(Node root, List<String> templates) {
    this.root = root;
    this.templates = templates;
  }

  /** A matcher for these templates (any syntax {@link HttpRoutes#normalize} accepts). */
  public static RouteMatcher of(String... templates) {
    return of(List.of(templates));
  }

  /** A matcher for these templates. */
  public static RouteMatcher of(List<String> templates) {
    Node root = new Node();
    List<String> normalized = new ArrayList<>();
    for (String raw : templates) {
      String template = HttpRoutes.normalize(raw);
      normalized.add(template);
      Node node = root;
      for (String segment : segments(template)) {
        if (segment.equals("*")) {
          node.wildcard = template;
          node = null;
          break;
        }
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (node.param == null) {
            node.param = new Node();
          }
          node = node.param;
        } else {
          node = node.building.computeIfAbsent(segment, s -> new Node());
        }
      }
      if (node != null && node.template == null) {
        node.template = template;
      }
    }
    root.freeze();
    return new RouteMatcher(root, List.copyOf(normalized));
  }

  /** The declared templates, normalised. */
  public List<String> templates() {
    return templates;
  }

  /** The template matching {@code path}, or null if none does. Never throws. */
  public String match(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return null;
    }
    int end = path.length();
    while (end > 1 && path.charAt(end - 1) == '/') {
      end--;
    }
    return match(root, path, 1, end);
  }

  private static String match(Node node, String path, int from, int end) {
    if (from >= end) {
      return node.template != null ? node.template : node.wildcard;
    }
    int slash = path.indexOf('/', from);
    int segEnd = slash < 0 || slash > end ? end : slash;
    int next = segEnd + 1;
    if (node.literals.length > 0) {
      Node literal = node.literal(path, from, segEnd);
      if (literal != null) {
        String found = match(literal, path, next, end);
        if (found != null) {
          return found;
        }
      }
    }
    if (node.param != null && segEnd > from) {
      String found = match(node.param, path, next, end);
      if (found != null) {
        return found;
      }
    }
    return node.wildcard;
  }

  private static List<String> segments(String template) {
    List<String> out = new ArrayList<>();
    for (String s : template.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static final class Node {
    /** The literal segments while the matcher is built, sorted as {@link #literal} searches them. */
    Map<String, Node> building = new TreeMap<>();
    String[] literals;
    Node[] literalNodes;
    Node param;
    String template;
    String wildcard;

    /** Turns the literals into the sorted arrays {@link #literal} searches, here and below. */
    void freeze() {
      literals = building.keySet().toArray(new String[0]);
      literalNodes = building.values().toArray(new Node[0]);
      building = null;
      for (Node child : literalNodes) {
        child.freeze();
      }
      if (param != null) {
        param.freeze();
      }
    }

    /** The child for the literal segment {@code path[from, to)}, or null: a binary search in the sorted literals. */
    Node literal(String path, int from, int to) {
      int low = 0;
      int high = literals.length - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        int c = compare(literals[mid], path, from, to);
        if (c < 0) {
          low = mid + 1;
        } else if (c > 0) {
          high = mid - 1;
        } else {
          return literalNodes[mid];
        }
      }
      return null;
    }

    /** {@link String#compareTo} of {@code literal} with {@code path[from, to)}, the order of the TreeMap. */
    private static int compare(String literal, String path, int from, int to) {
      int length = to - from;
      int common = Math.min(literal.length(), length);
      for (int i = 0; i < common; i++) {
        int d = literal.charAt(i) - path.charAt(from + i);
        if (d != 0) {
          return d;
        }
      }
      return literal.length() - length;
    }
  }
}
