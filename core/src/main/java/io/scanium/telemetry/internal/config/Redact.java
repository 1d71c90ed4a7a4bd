package io.scanium.telemetry.internal.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Takes secrets out of the values the library prints: the credentials of a URL ({@code https://user:token@host}, a
 * common way to pass a gateway's credentials) and the values of query parameters whose names say they hold one.
 * Applied to every value a message, the startup report or a warning shows; the exporter keeps the real value.
 */
public final class Redact {

  static final String MASK = "****";
  /** Names of query parameters whose values are credentials, matched as parts of the name. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      ".*(token|secret|passw|pwd|key|signature|sig|auth|credential|session).*");

  private Redact() {}

  /**
   * {@code value} with the userinfo of a URL in it replaced by {@code ****}, and the values of credential-looking
   * query parameters too; any other value unchanged.
   */
  public static String url(String value) {
    if (value == null) {
      return null;
    }
    int scheme = value.indexOf("://");
    if (scheme < 0) {
      return value;
    }
    int authorityStart = scheme + 3;
    int authorityEnd = indexOfAny(value, "/?#", authorityStart);
    String authority = value.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    String shown = value.substring(0, authorityStart) + (at < 0 ? authority : MASK + authority.substring(at))
        + value.substring(authorityEnd);
    int query = shown.indexOf('?');
    if (query < 0) {
      return shown;
    }
    int fragment = shown.indexOf('#', query);
    String end = fragment < 0 ? "" : shown.substring(fragment);
    String[] params = shown.substring(query + 1, fragment < 0 ? shown.length() : fragment).split("&", -1);
    StringBuilder sb = new StringBuilder(shown.substring(0, query + 1));
    for (int i = 0; i < params.length; i++) {
      if (i > 0) {
        sb.append('&');
      }
      int eq = params[i].indexOf('=');
      String name = eq < 0 ? params[i] : params[i].substring(0, eq);
      sb.append(eq >= 0 && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()
          ? name + "=" + MASK : params[i]);
    }
    return sb.append(end).toString();
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
