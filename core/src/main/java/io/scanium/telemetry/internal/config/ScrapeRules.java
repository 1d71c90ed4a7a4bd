package io.scanium.telemetry.internal.config;

import io.scanium.telemetry.Problem;
import io.scanium.telemetry.internal.scrape.ScrapeProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The rules of the scrape endpoint: its port and path, and its protection (basic authentication, a bearer token,
 * TLS), with no secret in any message. Part of {@link ConfigValidator}.
 */
final class ScrapeRules {

  private final ConfigSource source;
  private final List<Problem> problems;
  private final List<String> warnings;

  ScrapeRules(ConfigSource source, List<Problem> problems, List<String> warnings) {
    this.source = source;
    this.problems = problems;
    this.warnings = warnings;
  }

  int metricsPort() {
    ConfigValue v = source.get(Setting.METRICS_PORT);
    if (v.value().equalsIgnoreCase("off")) {
      return 0;
    }
    try {
      int port = Integer.parseInt(v.value());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      problems.add(Problems.of(v, "not a port number.",
          "use a number from 1 to 65535 (default 9464), or 0 or off to disable the scrape endpoint."));
      return 0;
    }
  }

  String metricsPath() {
    ConfigValue v = source.get(Setting.METRICS_PATH);
    if (!v.value().startsWith("/") || v.value().matches(".*[\\s?#].*")) {
      problems.add(Problems.of(v, "not a URL path.", "use a path starting with '/', without query or fragment,"
          + " e.g. /metrics."));
    }
    return v.value();
  }

  /** Basic auth, a bearer token and TLS for the scrape endpoint; secrets never in a message. */
  ScrapeProtection scrapeProtection(int scrapePort) {
    Optional<ConfigValue> user = source.explicit(Setting.METRICS_USERNAME.variable());
    Optional<ConfigValue> password = source.explicit(Setting.METRICS_PASSWORD.variable()).map(v -> v.withValue("****"));
    Optional<ConfigValue> token = source.explicit(Setting.METRICS_BEARER_TOKEN.variable())
        .map(v -> v.withValue("****"));
    Optional<ConfigValue> keystore = source.explicit(Setting.METRICS_TLS_KEYSTORE.variable());
    Optional<ConfigValue> keystorePassword = source.explicit(Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable())
        .map(v -> v.withValue("****"));
    int before = problems.size();
    if (user.isPresent() != password.isPresent()) {
      ConfigValue given = user.isPresent() ? user.get() : password.get();
      String missing = user.isPresent() ? Setting.METRICS_PASSWORD.variable() : Setting.METRICS_USERNAME.variable();
      problems.add(Problems.of(given, "basic authentication needs both a user and a password; " + missing
          + " is not set, so the scrape endpoint would be open.", "set " + missing + " too, or neither."));
    }
    if (token.isPresent() && (user.isPresent() || password.isPresent())) {
      problems.add(Problems.of(token.get(), "a bearer token and basic authentication are both configured; a"
          + " scraper sends one Authorization header.", "keep one of them."));
    }
    if (keystorePassword.isPresent() && keystore.isEmpty()) {
      problems.add(Problems.of(keystorePassword.get(), "a keystore password without a keystore would be ignored.",
          "set " + Setting.METRICS_TLS_KEYSTORE.variable() + " to a PKCS#12 keystore, or remove the password."));
    }
    keystore.ifPresent(ks -> checkKeystore(ks, keystorePassword));
    boolean any = user.isPresent() || password.isPresent() || token.isPresent() || keystore.isPresent();
    if (any && scrapePort == 0) {
      warnings.add("the scrape endpoint is off (" + source.get(Setting.METRICS_PORT).describe() + "): its"
          + " authentication and TLS settings are ignored.");
    }
    if (problems.size() > before || !any) {
      return ScrapeProtection.NONE;
    }
    // The real values, read again: the ones above were masked for messages.
    return new ScrapeProtection(user.map(ConfigValue::value).orElse(null),
        source.explicit(Setting.METRICS_PASSWORD.variable()).map(ConfigValue::value).orElse(null),
        source.explicit(Setting.METRICS_BEARER_TOKEN.variable()).map(ConfigValue::value).orElse(null),
        keystore.map(v -> Path.of(v.value())).orElse(null),
        source.explicit(Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable()).map(ConfigValue::value).orElse(null));
  }

  void checkKeystore(ConfigValue keystore, Optional<ConfigValue> maskedPassword) {
    Path path = Path.of(keystore.value());
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      problems.add(Problems.of(keystore, Files.exists(path) ? "the keystore is not readable by this process."
          : "no such file.", "point it at a readable PKCS#12 keystore (keytool -genkeypair -storetype PKCS12 ...)."));
      return;
    }
    char[] secret = source.explicit(Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable())
        .map(v -> v.value().toCharArray()).orElse(new char[0]);
    try (java.io.InputStream in = Files.newInputStream(path)) {
      java.security.KeyStore.getInstance("PKCS12").load(in, secret);
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      problems.add(Problems.of(maskedPassword.orElse(keystore), "the keystore " + path + " cannot be opened ("
          + e.getMessage() + "); is the password right, and is it PKCS#12?",
          "check " + Setting.METRICS_TLS_KEYSTORE_PASSWORD.variable() + " and the keystore's type."));
    }
  }
}
