package io.scanium.telemetry.http;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces the values of sensitive query parameters with {@code REDACTED} before the query reaches {@code url.query},
 * as OpenTelemetry's own instrumentations do: signed URLs, OAuth codes and API keys travel in query strings, and a
 * trace backend is no place for them.
 *
 * <p>A parameter is sensitive when its name, ignoring case, contains one of {@link #MARKERS}, equals one of
 * {@link #EXACT}, or equals one of the names the user adds ({@code SCANIUM_HTTP_QUERY_REDACT}).
 */
final class QueryRedaction {

  static final String REDACTED = "REDACTED";
  /** Parts of names that say the value is a credential: {@code access_token}, {@code X-Amz-Signature}, ... */
  static final String[] MARKERS = {"token", "secret", "password", "passwd", "pwd", "signature", "apikey", "api_key",
      "api-key", "credential", "authorization", "session"};
  /** Short names that are credentials only as a whole: Azure's {@code sig}, OAuth's {@code code}, AWS's key id. */
  static final Set<String> EXACT = Set.of("sig", "key", "code", "auth", "awsaccesskeyid");

  /** {@link #EXACT} and the names the user added, compared ignoring case. */
  private final String[] exact;

  QueryRedaction(Collection<String> extraNames) {
    Set<String> names = new LinkedHashSet<>(EXACT);
    extraNames.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty()).forEach(names::add);
    this.exact = names.toArray(new String[0]);
  }

  /** The query with sensitive values replaced; the same string, not a copy, when nothing is sensitive. */
  String redact(String query) {
    if (query == null || query.indexOf('=') < 0) {
      return query;
    }
    StringBuilder out = null;
    int start = 0;
    int n = query.length();
    while (start <= n) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      int eq = query.indexOf('=', start);
      if (eq >= 0 && eq < end && sensitive(query, start, eq)) {
        if (out == null) {
          out = new StringBuilder(n).append(query, 0, start);
        }
        out.append(query, start, eq + 1).append(REDACTED);
      } else if (out != null) {
        out.append(query, start, end);
      }
      if (end < n && out != null) {
        out.append('&');
      }
      start = end + 1;
    }
    return out == null ? query : out.toString();
  }

  /** Whether the name {@code query[from, to)} is sensitive; compared in place, so no query is copied to ask. */
  private boolean sensitive(String query, int from, int to) {
    int length = to - from;
    for (String name : exact) {
      if (name.length() == length && query.regionMatches(true, from, name, 0, length)) {
        return true;
      }
    }
    for (String marker : MARKERS) {
      for (int i = from; i + marker.length() <= to; i++) {
        if (query.regionMatches(true, i, marker, 0, marker.length())) {
          return true;
        }
      }
    }
    return false;
  }
}
