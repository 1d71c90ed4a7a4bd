package io.scanium.telemetry.examples.proof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The burst of traffic the proof sends: every route of the example API, with successes, a 404 on a known route, a
 * 404 on an unknown path and a 500, several times. Each request carries a {@code traceparent} of its own, so its
 * server span and its log records can be found by trace id.
 */
final class Traffic {

  /** The route label value of requests no route matched. */
  static final String UNMATCHED = "__unmatched__";

  /** What a request is expected to log inside the service. */
  enum Logs { NONE, CLASSIFIED, BACKEND_FAILED }

  /** One request of the plan. */
  record Planned(String method, String path, String body, String route, int status, Logs logs) {}

  /** One request as sent: the plan, the status the service answered (or -1), and its trace context. */
  record Sent(Planned planned, int status, String traceId, String parentSpanId, String error) {
    boolean asExpected() {
      return status == planned.status();
    }
  }

  /** One round: every route, each outcome the dashboards have panels for. */
  static final List<Planned> ROUND = List.of(
      new Planned("GET", "/health", null, "/health", 200, Logs.NONE),
      new Planned("GET", "/v1/config", null, "/v1/config", 200, Logs.NONE),
      new Planned("GET", "/v1/items/42", null, "/v1/items/{id}", 200, Logs.NONE),
      new Planned("GET", "/v1/items/7?fields=name", null, "/v1/items/{id}", 200, Logs.NONE),
      new Planned("GET", "/v1/items/not-a-number", null, "/v1/items/{id}", 404, Logs.NONE),
      new Planned("POST", "/v1/classify", "{\"title\":\"USB-C phone charger\"}", "/v1/classify", 200,
          Logs.CLASSIFIED),
      new Planned("POST", "/v1/classify", "{\"title\":\"paperback novel\"}", "/v1/classify", 200,
          Logs.CLASSIFIED),
      new Planned("GET", "/v1/fail", null, "/v1/fail", 500, Logs.BACKEND_FAILED),
      new Planned("GET", "/does-not-exist", null, UNMATCHED, 404, Logs.NONE),
      new Planned("GET", "/health", null, "/health", 200, Logs.NONE));

  private static final SecureRandom RANDOM = new SecureRandom();

  private Traffic() {}

  /** Sends {@code rounds} rounds, one request at a time, and returns what happened to each. */
  static List<Sent> send(HttpClient client, URI service, int rounds) throws InterruptedException {
    List<Sent> sent = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (Planned p : ROUND) {
        sent.add(send(client, service, p));
      }
    }
    return sent;
  }

  static Sent send(HttpClient client, URI service, Planned p) throws InterruptedException {
    String traceId = randomHex(16);
    String spanId = randomHex(8);
    HttpRequest.Builder b = HttpRequest.newBuilder(service.resolve(p.path()))
        .timeout(Duration.ofSeconds(10))
        .header("traceparent", "00-" + traceId + "-" + spanId + "-01");
    if (p.body() != null) {
      b.header("Content-Type", "application/json").method(p.method(), HttpRequest.BodyPublishers.ofString(p.body()));
    } else {
      b.method(p.method(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Sent(p, response.statusCode(), traceId, spanId, null);
    } catch (IOException e) {
      return new Sent(p, -1, traceId, spanId, e.toString());
    }
  }

  /** Requests per {@code method route status} key, as the metric labels would show them. */
  static Map<String, Integer> expectedCounts(List<Sent> sent) {
    Map<String, Integer> out = new TreeMap<>();
    for (Sent s : sent) {
      out.merge(key(s.planned().method(), s.planned().route(), Integer.toString(s.planned().status())), 1,
          Integer::sum);
    }
    return out;
  }

  static String key(String method, String route, String status) {
    return method + " " + route + " " + status;
  }

  static long count(List<Sent> sent, Logs logs) {
    return sent.stream().filter(s -> s.planned().logs() == logs).count();
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    do {
      RANDOM.nextBytes(b);
    } while (allZero(b));
    return HexFormat.of().formatHex(b);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
