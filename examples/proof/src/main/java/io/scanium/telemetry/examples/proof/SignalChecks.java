package io.scanium.telemetry.examples.proof;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.scanium.telemetry.receiver.OtlpReceiver;
import io.scanium.telemetry.receiver.ReceivedLog;
import io.scanium.telemetry.receiver.ReceivedSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Proves traces and logs from what the in-process OTLP receiver decoded. */
final class SignalChecks {

  static final String CLASSIFIED = "classified item";
  static final String BACKEND_FAILED = "classification backend failed";

  private SignalChecks() {}

  /** The server span of each request, by the trace id the proof sent; absent when it did not arrive. */
  static Map<String, ReceivedSpan> serverSpans(OtlpReceiver receiver, List<Traffic.Sent> sent) {
    Set<String> wanted = new HashSet<>();
    for (Traffic.Sent s : sent) {
      wanted.add(s.traceId());
    }
    Map<String, ReceivedSpan> out = new HashMap<>();
    for (ReceivedSpan span : receiver.spans()) {
      if (span.kind() == Span.SpanKind.SPAN_KIND_SERVER && wanted.contains(span.traceIdHex())) {
        out.putIfAbsent(span.traceIdHex(), span);
      }
    }
    return out;
  }

  /** Whether the log records of the traffic's requests have all arrived. */
  static boolean logsComplete(OtlpReceiver receiver, List<Traffic.Sent> sent) {
    Map<String, List<ReceivedLog>> byTrace = logsByTrace(receiver.logs());
    for (Traffic.Sent s : sent) {
      String body = expectedBody(s);
      if (body != null && byTrace.getOrDefault(s.traceId(), List.of()).stream().noneMatch(l -> body.equals(l.body()))) {
        return false;
      }
    }
    return true;
  }

  static Result traces(OtlpReceiver receiver, List<Traffic.Sent> sent, String serviceName) {
    Result r = new Result("traces");
    Map<String, ReceivedSpan> spans = serverSpans(receiver, sent);
    Map<String, int[]> byName = new TreeMap<>();
    Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    int errors = 0;
    int errorSpans = 0;
    List<String> problems = new ArrayList<>();
    for (Traffic.Sent s : sent) {
      Traffic.Planned p = s.planned();
      ReceivedSpan span = spans.get(s.traceId());
      if (span == null) {
        problems.add("no SERVER span for " + p.method() + " " + p.path() + " (trace " + s.traceId() + ")");
        continue;
      }
      String name = span.name();
      byName.computeIfAbsent(name, k -> new int[1])[0]++;
      String status = span.attribute("http.response.status_code");
      statuses.computeIfAbsent(name, k -> new TreeMap<>()).merge(parse(status), 1, Integer::sum);
      boolean matched = !p.route().equals(Traffic.UNMATCHED);
      String expectedName = matched ? p.method() + " " + p.route() : p.method();
      if (!expectedName.equals(name)) {
        problems.add(p.method() + " " + p.path() + ": span named '" + name + "', expected '" + expectedName + "'");
      }
      String route = span.attribute("http.route");
      if (matched ? !p.route().equals(route) : route != null) {
        problems.add(p.method() + " " + p.path() + ": http.route=" + route + ", expected "
            + (matched ? p.route() : "none"));
      }
      if (!Integer.toString(p.status()).equals(status)) {
        problems.add(p.method() + " " + p.path() + ": http.response.status_code=" + status + ", expected "
            + p.status());
      }
      if (!s.parentSpanId().equals(span.parentSpanIdHex())) {
        problems.add(p.method() + " " + p.path() + ": the span's parent is " + span.parentSpanIdHex()
            + ", not the caller's span " + s.parentSpanId() + " from traceparent");
      }
      if (!serviceName.equals(span.resourceAttribute("service.name"))) {
        problems.add("service.name is '" + span.resourceAttribute("service.name") + "', expected "
            + "'" + serviceName + "'");
      }
      boolean error = span.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
      if (p.status() >= 500) {
        errors++;
        if (error) {
          errorSpans++;
        } else {
          problems.add(p.method() + " " + p.path() + " answered " + p.status() + " but its span status is not ERROR");
        }
      }
    }
    r.detail(String.format("%-22s %5s  %s", "span name", "spans", "http.response.status_code"));
    for (Map.Entry<String, int[]> e : byName.entrySet()) {
      StringBuilder codes = new StringBuilder();
      statuses.get(e.getKey()).forEach((code, n) -> codes.append(code).append('x').append(n).append(' '));
      boolean unmatched = !e.getKey().contains(" ");
      r.detail(String.format("%-22s %5d  %s%s", e.getKey(), e.getValue()[0], codes.toString().trim(),
          unmatched ? "  (no route matched: named by method only, no http.route)" : ""));
    }
    r.detail("each span continues the caller's traceparent (same trace id, parent = the caller's span)"
        + " and carries service.name=\"" + serviceName + "\"");
    r.detail(errorSpans + " of " + errors + " spans of 5xx answers have status ERROR");
    int others = receiver.spans().size() - spans.size();
    if (others > 0) {
      r.detail(others + " other span(s) received (requests not sent by the proof, e.g. its readiness check)");
    }
    problems.stream().distinct().limit(10).forEach(r::fail);
    r.summary(spans.size() + " of " + sent.size() + " requests have their SERVER span (in-process OTLP receiver)");
    return r;
  }

  static Result logs(OtlpReceiver receiver, List<Traffic.Sent> sent) {
    Result r = new Result("logs");
    List<ReceivedLog> all = receiver.logs();
    Set<String> spanTraces = new HashSet<>();
    Set<String> spanIds = new HashSet<>();
    for (ReceivedSpan s : receiver.spans()) {
      spanTraces.add(s.traceIdHex());
      spanIds.add(s.traceIdHex() + "/" + s.spanIdHex());
    }
    int withSpan = 0;
    for (ReceivedLog l : all) {
      if (hasTrace(l) && spanTraces.contains(l.traceIdHex())) {
        withSpan++;
      }
    }
    Map<String, List<ReceivedLog>> byTrace = logsByTrace(all);
    Map<String, Integer> categories = new TreeMap<>();
    Map<String, Integer> exceptionTypes = new TreeMap<>();
    int classified = 0;
    int failed = 0;
    int classifyRequests = 0;
    int failRequests = 0;
    List<String> problems = new ArrayList<>();
    for (Traffic.Sent s : sent) {
      String body = expectedBody(s);
      if (body == null) {
        continue;
      }
      boolean classify = body.equals(CLASSIFIED);
      if (classify) {
        classifyRequests++;
      } else {
        failRequests++;
      }
      ReceivedLog log = byTrace.getOrDefault(s.traceId(), List.of()).stream()
          .filter(l -> body.equals(l.body())).findFirst().orElse(null);
      String what = s.planned().method() + " " + s.planned().path();
      if (log == null) {
        problems.add("no log record '" + body + "' with the trace id of " + what + " (trace " + s.traceId() + ")");
        continue;
      }
      if (!spanIds.contains(log.traceIdHex() + "/" + log.spanIdHex())) {
        problems.add("the record '" + body + "' of " + what + " names span " + log.spanIdHex()
            + ", which is not a received span of its trace");
      }
      if (classify) {
        classified++;
        String category = log.attribute("category");
        if (category == null || category.isEmpty()) {
          problems.add("the record '" + body + "' of " + what + " lacks the key-value attribute 'category'");
        } else {
          categories.merge(category, 1, Integer::sum);
        }
        if (!"INFO".equalsIgnoreCase(log.severityText())) {
          problems.add("the record '" + body + "' has severity " + log.severityText() + ", expected INFO");
        }
      } else {
        failed++;
        String type = log.attribute("exception.type");
        if (type == null) {
          problems.add("the record '" + body + "' of " + what + " lacks the exception (exception.type)");
        } else {
          exceptionTypes.merge(type, 1, Integer::sum);
        }
        if (!"ERROR".equalsIgnoreCase(log.severityText())) {
          problems.add("the record '" + body + "' has severity " + log.severityText() + ", expected ERROR");
        }
      }
    }
    r.detail(String.format("%-5s %-32s %7s  %s", "level", "message", "records", "attributes"));
    r.detail(String.format("%-5s %-32s %7s  %s", "INFO", quote(CLASSIFIED), classified + "/" + classifyRequests,
        "category: " + counts(categories)));
    r.detail(String.format("%-5s %-32s %7s  %s", "ERROR", quote(BACKEND_FAILED), failed + "/" + failRequests,
        "exception.type: " + counts(exceptionTypes)));
    if (problems.isEmpty()) {
      r.detail("each of them carries the trace id and span id of its request's server span");
    }
    if (all.isEmpty()) {
      problems.add(0, "no log record arrived at all: are the service's SLF4J logs routed to OpenTelemetry? (the"
          + " 'slf4j logs:' line of its startup report says)");
    }
    List<ReceivedLog> others = new ArrayList<>();
    for (ReceivedLog l : all) {
      if (!CLASSIFIED.equals(l.body()) && !BACKEND_FAILED.equals(l.body())) {
        others.add(l);
      }
    }
    if (!others.isEmpty()) {
      String body = others.get(0).body();
      r.detail(others.size() + " other record(s), e.g. \"" + (body.length() > 60 ? body.substring(0, 57) + "..." : body)
          + "\"");
    }
    problems.stream().distinct().limit(10).forEach(r::fail);
    r.summary(all.size() + " log records received; " + withSpan + " carry the trace id of a received span");
    return r;
  }

  private static Map<String, List<ReceivedLog>> logsByTrace(List<ReceivedLog> logs) {
    Map<String, List<ReceivedLog>> out = new LinkedHashMap<>();
    for (ReceivedLog l : logs) {
      if (hasTrace(l)) {
        out.computeIfAbsent(l.traceIdHex(), k -> new ArrayList<>()).add(l);
      }
    }
    return out;
  }

  private static boolean hasTrace(ReceivedLog l) {
    String t = l.traceIdHex();
    return t != null && !t.isEmpty() && !t.chars().allMatch(c -> c == '0');
  }

  static String expectedBody(Traffic.Sent s) {
    return switch (s.planned().logs()) {
      case CLASSIFIED -> CLASSIFIED;
      case BACKEND_FAILED -> BACKEND_FAILED;
      case NONE -> null;
    };
  }

  private static int parse(String s) {
    try {
      return s == null ? -1 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String counts(Map<String, Integer> m) {
    if (m.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" x").append(v));
    return sb.toString();
  }
}
