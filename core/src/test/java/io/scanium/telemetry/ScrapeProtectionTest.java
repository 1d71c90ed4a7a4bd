package io.scanium.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.StderrCapture;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scrape endpoint on an untrusted network: basic auth, a bearer token, TLS; no secret in any output. */
class ScrapeProtectionTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  private static Map<String, String> env(String... more) {
    Map<String, String> m = new HashMap<>();
    m.put("OTEL_SERVICE_NAME", "protected");
    m.put("OTEL_TRACES_EXPORTER", "none");
    m.put("OTEL_LOGS_EXPORTER", "none");
    m.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    m.put("SCANIUM_METRICS_PORT", Integer.toString(FreePort.pick()));
    for (int i = 0; i < more.length; i += 2) {
      m.put(more[i], more[i + 1]);
    }
    return m;
  }

  private HttpResponse<String> get(HttpClient with, URI uri, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return with.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void basicAuthenticationIsAskedForAndItsPasswordNeverShown() throws Exception {
    try (StderrCapture err = StderrCapture.start();
        ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_USERNAME", "prometheus",
            "SCANIUM_METRICS_PASSWORD", "s3cr3t-pw")).shutdownHook(false).build()) {
      URI uri = t.scrapeUri().orElseThrow();
      HttpResponse<String> anonymous = get(client, uri, null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
      String wrong = "Basic " + Base64.getEncoder().encodeToString("prometheus:nope".getBytes(StandardCharsets.UTF_8));
      assertThat(get(client, uri, wrong).statusCode()).isEqualTo(401);
      String right = "Basic " + Base64.getEncoder().encodeToString("prometheus:s3cr3t-pw"
          .getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> scrape = get(client, uri, right);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("scanium_telemetry_info");
      assertThat(t.startupReport()).contains("scrape protection: basic auth as prometheus (password ****)");
      assertThat(t.startupReport() + err.text()).doesNotContain("s3cr3t-pw");
    }
  }

  @Test
  void aBearerTokenIsAskedFor() throws Exception {
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_BEARER_TOKEN",
        "tok-123")).shutdownHook(false).build()) {
      URI uri = t.scrapeUri().orElseThrow();
      assertThat(get(client, uri, null).statusCode()).isEqualTo(401);
      assertThat(get(client, uri, "Bearer tok-999").statusCode()).isEqualTo(401);
      assertThat(get(client, uri, "Bearer tok-123").statusCode()).isEqualTo(200);
      assertThat(t.startupReport()).contains("scrape protection: bearer token ****").doesNotContain("tok-123");
    }
  }

  @Test
  void tlsFromAPkcs12KeystoreWithATokenOnTop() throws Exception {
    Path keystore = keystore("changeit");
    try (ScaniumTelemetry t = ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_TLS_KEYSTORE",
        keystore.toString(), "SCANIUM_METRICS_TLS_KEYSTORE_PASSWORD", "changeit", "SCANIUM_METRICS_BEARER_TOKEN",
        "tok")).shutdownHook(false).build()) {
      URI uri = t.scrapeUri().orElseThrow();
      assertThat(uri.getScheme()).isEqualTo("https");
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore, "changeit")).build();
      // The certificate names localhost: the client checks the name, as Prometheus would.
      URI byName = URI.create("https://localhost:" + uri.getPort() + uri.getPath());
      assertThat(get(trusting, byName, "Bearer tok").statusCode()).isEqualTo(200);
      assertThat(get(trusting, byName, null).statusCode()).isEqualTo(401);
      assertThatThrownBy(() -> get(client, byName, "Bearer tok")).as("a client that does not trust the certificate")
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      assertThat(t.startupReport()).contains("scrape https://127.0.0.1:" + uri.getPort() + "/metrics")
          .contains("scrape protection: TLS, bearer token ****").doesNotContain("changeit");
    }
  }

  @Test
  void halfConfiguredProtectionIsRefusedWithoutShowingTheSecret() throws Exception {
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_PASSWORD", "pw-only"))
        .shutdownHook(false).build())
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("SCANIUM_METRICS_PASSWORD = \"****\"")
        .hasMessageContaining("SCANIUM_METRICS_USERNAME is not set, so the scrape endpoint would be open")
        .hasMessageNotContaining("pw-only");
    Path keystore = keystore("right-password");
    assertThatThrownBy(() -> ScaniumTelemetry.builder().environment(env("SCANIUM_METRICS_TLS_KEYSTORE",
        keystore.toString(), "SCANIUM_METRICS_TLS_KEYSTORE_PASSWORD", "wrong")).shutdownHook(false).build())
        .isInstanceOf(TelemetryConfigurationException.class)
        .hasMessageContaining("SCANIUM_METRICS_TLS_KEYSTORE_PASSWORD = \"****\"")
        .hasMessageContaining("cannot be opened")
        .hasMessageNotContaining("wrong\"");
  }

  /** A PKCS#12 keystore for localhost, made by the JDK's own keytool, as an operator would. */
  private Path keystore(String password) throws Exception {
    Path file = dir.resolve("scrape-" + password + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "scrape", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished: %s", out).isTrue();
    assertThat(p.exitValue()).as("keytool: %s", out).isZero();
    return file;
  }

  private static SSLContext trusting(Path keystore, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
