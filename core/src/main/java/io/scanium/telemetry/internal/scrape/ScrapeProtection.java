package io.scanium.telemetry.internal.scrape;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * How the scrape endpoint is protected, for services whose network is not trusted: HTTP basic authentication or a
 * bearer token (what Prometheus' {@code basic_auth} and {@code authorization} scrape settings send), and TLS from a
 * PKCS#12 keystore. Secrets are compared in constant time and never printed.
 *
 * @param username basic authentication's user, or null
 * @param password basic authentication's password, or null
 * @param bearerToken the token a scraper must send as {@code Authorization: Bearer ...}, or null
 * @param keystore the PKCS#12 keystore with the server's key and certificate, or null for plain HTTP
 * @param keystorePassword the keystore's password, or null
 */
public record ScrapeProtection(String username, String password, String bearerToken, Path keystore,
    String keystorePassword) {

  /** No protection: plain HTTP, no authentication. */
  public static final ScrapeProtection NONE = new ScrapeProtection(null, null, null, null, null);

  /** Whether the endpoint speaks TLS. */
  public boolean tls() {
    return keystore != null;
  }

  /** For the startup report: what a scraper must present, with no secret in it. */
  public String describe() {
    String auth = username != null ? "basic auth as " + username + " (password ****)"
        : bearerToken != null ? "bearer token ****" : "no authentication";
    return (tls() ? "TLS, " : "") + auth;
  }

  /** The authenticator to put on the scrape contexts, or null for none. */
  Authenticator authenticator() {
    if (username != null) {
      byte[] expectedUser = username.getBytes(StandardCharsets.UTF_8);
      byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
      return new BasicAuthenticator("scanium-metrics") {
        @Override
        public boolean checkCredentials(String user, String pass) {
          // Both compared, always, so the time taken says nothing about which one was wrong.
          boolean userOk = MessageDigest.isEqual(expectedUser, user.getBytes(StandardCharsets.UTF_8));
          boolean passOk = MessageDigest.isEqual(expectedPassword, pass.getBytes(StandardCharsets.UTF_8));
          return userOk & passOk;
        }
      };
    }
    if (bearerToken != null) {
      byte[] expected = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
      return new Authenticator() {
        @Override
        public Result authenticate(HttpExchange exchange) {
          String given = exchange.getRequestHeaders().getFirst("Authorization");
          if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return new Success(new HttpPrincipal("bearer", "scanium-metrics"));
          }
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"scanium-metrics\"");
          return new Retry(401);
        }
      };
    }
    return null;
  }

  /** The server's TLS context from the keystore. */
  SSLContext sslContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    char[] secret = keystorePassword == null ? new char[0] : keystorePassword.toCharArray();
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, secret);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, secret);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }
}
