package io.scanium.telemetry.doctor;

import io.scanium.telemetry.internal.config.Redact;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * One GET with a deadline, its failure sorted into what the doctor's fixes tell apart: a name that does not
 * resolve, nothing listening, no answer in time, TLS. Credentials in the URL's userinfo become basic authentication
 * (HttpClient ignores userinfo) and are never part of what is shown.
 */
final class HttpGet {

  /** How a GET ended. */
  enum Failure { NONE, UNKNOWN_HOST, REFUSED, TIMEOUT, TLS, OTHER }

  /**
   * The answer, or the failure with a detail that names the (masked) URL.
   *
   * @param status the HTTP status; 0 when there was no answer
   */
  record Response(int status, String body, Failure failure, String detail) {
    boolean ok() {
      return failure == Failure.NONE && status == 200;
    }
  }

  private HttpGet() {}

  static Response get(String url, Map<String, String> headers, Duration timeout) {
    String shown = Redact.url(url);
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return new Response(0, "", Failure.OTHER, shown + " is not an http:// or https:// URL with a host");
      }
      try {
        InetAddress.getAllByName(uri.getHost());
      } catch (UnknownHostException e) {
        return new Response(0, "", Failure.UNKNOWN_HOST, "host " + uri.getHost() + " does not resolve from here");
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(withoutUserInfo(uri)).timeout(timeout).GET();
      if (uri.getRawUserInfo() != null) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString(uri.getUserInfo().getBytes(StandardCharsets.UTF_8)));
      }
      headers.forEach(request::header);
      HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
          .build();
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), Failure.NONE, shown + " answered HTTP " + r.statusCode());
    } catch (HttpTimeoutException e) {
      return new Response(0, "", Failure.TIMEOUT, "no answer from " + shown + " within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, "", Failure.OTHER, "interrupted");
    } catch (IOException | RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
        if (c instanceof ConnectException) {
          return new Response(0, "", Failure.REFUSED, "connection to " + shown + " refused");
        }
        if (c instanceof SSLException) {
          return new Response(0, "", Failure.TLS, "TLS with " + shown + " failed: " + c.getMessage());
        }
      }
      return new Response(0, "", Failure.OTHER, shown + ": " + Redact.url(e.toString()));
    }
  }

  private static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    String s = uri.toString();
    return URI.create(s.substring(0, s.indexOf("://") + 3) + s.substring(s.indexOf('@') + 1));
  }
}
