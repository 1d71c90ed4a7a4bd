package io.scanium.telemetry.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Ten thousand distinct requests no well-behaved client sends: every path distinct (query strings,
 * percent-encoding, invalid UTF-8 raw and encoded, encoded CR/LF, very long paths), made-up methods, malformed and
 * oversized {@code traceparent}, {@code tracestate} and {@code baggage}, and the planted secret in credential
 * headers and query parameters.
 */
final class HostileRequests {

  private static final String S = Secrets.PLANTED;
  static final int KINDS = 10;

  private HostileRequests() {}

  /** The i-th request; its kind is {@code i % KINDS}, and i makes its path distinct. */
  static byte[] request(int i) {
    return switch (i % KINDS) {
      case 0 -> LoadClient.get("/v1/items/" + i + "?token=" + S + "&api_key=" + S + "&q=" + i);
      case 1 -> LoadClient.get("/search/%C3%28%FF%FE" + i + "/%0D%0ASet-Cookie:%20x=" + i + "?x=%0D%0A" + i
          + "&password=" + S);
      case 2 -> LoadClient.request("GET", rawInvalidUtf8(i));
      case 3 -> LoadClient.get("/long/" + "a".repeat(6000 + i % 1000) + "/" + i + "?sig=" + S);
      case 4 -> LoadClient.request("BREW" + i, ("/v1/items/" + i).getBytes(StandardCharsets.ISO_8859_1));
      case 5 -> LoadClient.get("/v1/items/" + i, "traceparent: 00-" + "z".repeat(32) + "-" + i + "-01",
          "tracestate: " + "k" + i + "=" + "v".repeat(8000), "baggage: session=" + S + "," + "b=x".repeat(2000));
      case 6 -> LoadClient.get("/v1/items/" + i, "traceparent: 00-" + "f".repeat(5000) + "-" + i,
          "traceparent: ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
          "baggage: %%%" + i + ";;;==,," + S);
      case 7 -> LoadClient.get("/v1/items/" + i + "/%2e%2e/%2F%2F" + i, "Authorization: Basic " + S,
          "Cookie: session=" + S + "; JSESSIONID=" + S, "X-Api-Key: " + S, "Proxy-Authorization: Bearer " + S);
      case 8 -> LoadClient.request("get", ("/v1/items/" + i + "?Access_Token=" + S + "&SessionId=" + S)
          .getBytes(StandardCharsets.ISO_8859_1), "X-Forwarded-For: " + "1.2.3.4, ".repeat(500) + i,
          "User-Agent: " + "\u00e9".repeat(4000));
      default -> LoadClient.request("M-SEARCH", ("/" + i + "/\u00ff\u00fe%00%ZZ" + i + "?%=&&==&" + "k=v&".repeat(500)
          + "AWSAccessKeyId=" + S + "&code=" + S).getBytes(StandardCharsets.ISO_8859_1),
          "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
    };
  }

  private static byte[] rawInvalidUtf8(int i) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("/raw/" + i + "/").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
        (byte) 0x80});
    out.writeBytes(("?k=" + i).getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
