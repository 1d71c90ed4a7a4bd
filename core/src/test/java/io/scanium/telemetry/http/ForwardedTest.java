package io.scanium.telemetry.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7239's Forwarded header and the X-Forwarded-* headers, first element only. */
class ForwardedTest {

  @Test
  void forwardedParametersOfTheFirstElement() {
    String h = "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=api.example.com:8443, for=192.0.2.43;host=b";
    assertThat(Forwarded.parameter(h, "for")).isEqualTo("[2001:db8:cafe::17]:4711");
    assertThat(Forwarded.parameter(h, "PROTO")).isEqualTo("https");
    assertThat(Forwarded.parameter(h, "host")).isEqualTo("api.example.com:8443");
    assertThat(Forwarded.parameter("for=192.0.2.43, host=later", "host")).as("a later element's host").isNull();
    assertThat(Forwarded.parameter("for=unknown;by=_hidden", "by")).isEqualTo("_hidden");
    assertThat(Forwarded.parameter("garbage", "for")).isNull();
    assertThat(Forwarded.parameter("for=\"unterminated", "for")).isEqualTo("unterminated");
    assertThat(Forwarded.parameter("for=", "for")).isNull();
  }

  @Test
  void hostsAndPorts() {
    assertThat(HttpValues.host("[2001:db8::17]:4711")).isEqualTo("2001:db8::17");
    assertThat(HttpValues.port("[2001:db8::17]:4711")).isEqualTo(4711);
    assertThat(HttpValues.host("2001:db8::17")).isEqualTo("2001:db8::17");
    assertThat(HttpValues.port("2001:db8::17")).isEqualTo(-1);
    assertThat(HttpValues.host("api.example.com:8443")).isEqualTo("api.example.com");
    assertThat(HttpValues.port("api.example.com:8443")).isEqualTo(8443);
    assertThat(HttpValues.port("api.example.com")).isEqualTo(-1);
    assertThat(HttpValues.port("api.example.com:99999")).isEqualTo(-1);
    assertThat(HttpValues.port("[::1]")).isEqualTo(-1);
    assertThat(HttpValues.port("[::1]:")).isEqualTo(-1);
    assertThat(HttpValues.port("api.example.com:")).isEqualTo(-1);
    assertThat(HttpValues.port("api.example.com:0")).isEqualTo(-1);
    assertThat(HttpValues.port("api.example.com:80x")).isEqualTo(-1);
    assertThat(HttpValues.port("api.example.com:+80")).as("parseInt's sign, as before").isEqualTo(80);
    assertThat(HttpValues.port("[::1]:8080")).isEqualTo(8080);
  }

  @Test
  void protocolVersions() {
    assertThat(HttpValues.protocolVersion("HTTP/1.1")).isEqualTo("1.1");
    assertThat(HttpValues.protocolVersion("HTTP/1.0")).isEqualTo("1.0");
    assertThat(HttpValues.protocolVersion("HTTP/2.0")).isEqualTo("2");
    assertThat(HttpValues.protocolVersion("HTTP/2")).isEqualTo("2");
    assertThat(HttpValues.protocolVersion("HTTP/3.0")).isEqualTo("3");
    assertThat(HttpValues.protocolVersion("HTTP/0.9")).isEqualTo("0.9");
    assertThat(HttpValues.protocolVersion("h2c")).isNull();
    assertThat(HttpValues.protocolVersion(null)).isNull();
  }
}
