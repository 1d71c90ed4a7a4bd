package io.scanium.telemetry.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scanium.telemetry.internal.config.Redact;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Prometheus' HTTP API as Prometheus and Mimir (under its {@code /prometheus} prefix) both serve it: instant
 * queries and, where the server has it, the scrape targets.
 */
final class PrometheusApi {

  /** The API could not answer: the message names the masked URL and what came back. */
  static final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final Map<String, String> headers;
  private final Duration timeout;

  PrometheusApi(String base, Map<String, String> headers, Duration timeout) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.headers = headers;
    this.timeout = timeout;
  }

  /** The base URL as it may be shown. */
  String shown() {
    return Redact.url(base);
  }

  /** The {@code data.result} of an instant query now: an array of {@code {metric, value}}. */
  JsonNode query(String promql) throws ApiException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  /** The active scrape targets ({@code data.activeTargets}); Mimir has none, and answers 404. */
  JsonNode activeTargets() throws ApiException {
    return get("/api/v1/targets?state=active").path("activeTargets");
  }

  private JsonNode get(String pathAndQuery) throws ApiException {
    HttpGet.Response r = HttpGet.get(base + pathAndQuery, headers, timeout);
    if (r.failure() != HttpGet.Failure.NONE) {
      throw new ApiException(r.detail());
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new ApiException(shown() + pathAndQuery + " answered HTTP " + r.status() + " with no JSON: "
          + abbreviate(r.body()));
    }
    if (r.status() != 200 || !"success".equals(body.path("status").asText())) {
      throw new ApiException(shown() + pathAndQuery + " answered HTTP " + r.status() + ": "
          + abbreviate(body.path("error").asText(r.body())));
    }
    return body.path("data");
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }
}
