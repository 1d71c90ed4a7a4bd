package io.scanium.telemetry.http;

/**
 * The fixed {@code route} label values of the metric contract (public API, documented in docs/metrics.md).
 */
public final class HttpRoutes {

  /** The route of every request that matched no route of the application (404s of unknown paths, mostly). */
  public static final String UNMATCHED = "__unmatched__";

  /** The route of requests whose route would exceed {@code SCANIUM_HTTP_MAX_ROUTES} distinct values. */
  public static final String OVERFLOW = "__overflow__";

  private HttpRoutes() {}

  /**
   * A template under a prefix: a context path, a servlet's path mapping or a sub-router's mount point
   * ({@code /shop} and {@code /items/{id}} give {@code /shop/items/{id}}), as the client sees the path.
   *
   * @param prefix the prefix without a trailing slash; empty for none
   * @param template the template within the prefix; null or empty or {@code /} for the prefix itself
   * @return the joined template
   */
  public static String join(String prefix, String template) {
    if (prefix.isEmpty()) {
      return template;
    }
    if (template == null || template.isEmpty() || template.equals("/")) {
      return prefix;
    }
    return template.charAt(0) == '/' ? prefix + template : prefix + '/' + template;
  }

  /**
   * Turns a framework's route template into the contract's syntax: {@code :id} and {@code {id:[0-9]+}} become
   * {@code {id}}; a trailing {@code /} (other than the root) is dropped; an empty template is {@code /}.
   */
  public static String normalize(String template) {
    if (template == null) {
      return null;
    }
    String t = template.trim();
    if (t.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder(t.length());
    if (t.charAt(0) != '/') {
      sb.append('/');
    }
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      boolean segmentStart = i == 0 || t.charAt(i - 1) == '/';
      if (c == ':' && segmentStart) {
        int end = i + 1;
        while (end < t.length() && t.charAt(end) != '/') {
          end++;
        }
        sb.append('{').append(t, i + 1, end).append('}');
        i = end;
      } else if (c == '{') {
        int depth = 0;
        int end = i;
        int colon = -1;
        for (; end < t.length(); end++) {
          char d = t.charAt(end);
          if (d == '{') {
            depth++;
          } else if (d == '}') {
            depth--;
            if (depth == 0) {
              break;
            }
          } else if (d == ':' && depth == 1 && colon < 0) {
            colon = end;
          }
        }
        if (end >= t.length()) {
          sb.append(t, i, t.length());
          break;
        }
        String name = t.substring(i + 1, colon > 0 ? colon : end).trim();
        sb.append('{').append(name).append('}');
        i = end + 1;
      } else {
        sb.append(c);
        i++;
      }
    }
    if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }
}
