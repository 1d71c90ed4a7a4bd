package io.scanium.telemetry.internal.sdk;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS context for a JDK {@code HttpClient} that only ever speaks plain {@code http://}.
 *
 * <p>The client builds the JDK's default TLS context when it is created, whatever its URLs: that parses the JDK's
 * trust store (about 50 ms of CPU, 400 classes and 9 MB of short-lived garbage on the project's machine). Given this
 * context instead, nothing is parsed. It trusts no certificate at all, so a client that reached an {@code https://}
 * URL by mistake fails its handshake rather than trusting anything.
 */
final class PlainHttpTls {

  private static final X509TrustManager TRUSTS_NOTHING = new X509TrustManager() {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this client only speaks plain http");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this client only speaks plain http");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  };

  private PlainHttpTls() {}

  /** Whether {@code url} is a plain-http URL, for which {@link #context()} may be used. */
  static boolean isPlainHttp(String url) {
    return url != null && url.regionMatches(true, 0, "http://", 0, 7);
  }

  /** The trust manager of {@link #context()}. */
  static X509TrustManager trustManager() {
    return TRUSTS_NOTHING;
  }

  /**
   * A new context trusting nothing, or null when the JDK cannot make one (the caller then leaves the client's default
   * in place).
   */
  static SSLContext context() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {TRUSTS_NOTHING}, null);
      return context;
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }
}
