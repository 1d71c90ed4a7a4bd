package io.scanium.telemetry.internal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class PlainHttpTlsTest {

  @Test
  void onlyPlainHttpUrlsQualify() {
    assertThat(PlainHttpTls.isPlainHttp("http://collector:4318/v1/traces")).as("http://").isTrue();
    assertThat(PlainHttpTls.isPlainHttp("HTTP://collector:4318")).as("HTTP://").isTrue();
    assertThat(PlainHttpTls.isPlainHttp("https://collector:4318")).as("https://").isFalse();
    assertThat(PlainHttpTls.isPlainHttp("collector:4318")).as("no scheme").isFalse();
    assertThat(PlainHttpTls.isPlainHttp(null)).as("null").isFalse();
  }

  @Test
  void theContextTrustsNoServer() {
    assertThat(PlainHttpTls.context()).as("the no-trust context").isNotNull();
    assertThat(PlainHttpTls.trustManager().getAcceptedIssuers()).as("accepted issuers").isEmpty();
    assertThatThrownBy(() -> PlainHttpTls.trustManager().checkServerTrusted(new X509Certificate[0], "RSA"))
        .as("a server certificate").isInstanceOf(CertificateException.class);
  }
}
