package io.scanium.telemetry.receiver;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The receiver's HTTP side: routes {@code POST /v1/traces}, {@code /v1/logs} and {@code /v1/metrics}, checks media
 * type, encoding and size, decodes the protobuf body and answers as an OTLP collector would, with a protobuf
 * {@code google.rpc.Status} in every error body. What is kept, and how the receiver answers in its failure modes,
 * is {@link OtlpReceiver}'s business.
 */
final class OtlpHttpHandler implements HttpHandler {

  static final String PROTOBUF = "application/x-protobuf";
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  /** How the receiver wants a request answered that reached a signal's path. */
  enum Answer { DECODE, FAIL, HOLD, DROP }

  /**
   * The receiver's decision on one request.
   *
   * @param answer what to do
   * @param status the HTTP status of a {@link Answer#FAIL}
   * @param retryAfterSeconds the {@code Retry-After} of a {@link Answer#FAIL}, or -1 for none
   * @param delayNanos how long a {@link Answer#DECODE} waits before it answers
   */
  record Admission(Answer answer, int status, long retryAfterSeconds, long delayNanos) {}

  private final OtlpReceiver receiver;

  OtlpHttpHandler(OtlpReceiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      dispatch(exchange);
    } catch (IOException e) {
      // The client went away or the server is stopping: there is nobody left to answer.
      closeQuietly(exchange);
    } catch (RuntimeException e) {
      // A bug here must reach the exporter as a failure rather than as a silent hang.
      try {
        respondError(exchange, 500, "OTLP receiver failed: " + e);
      } catch (IOException | RuntimeException ignored) {
        closeQuietly(exchange);
      }
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Signal signal = Signal.forPath(path);
    if (signal == null) {
      respondError(exchange, 404,
          "no OTLP endpoint at " + path + "; the receiver serves /v1/traces, /v1/logs and /v1/metrics");
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      respondError(exchange, 405, exchange.getRequestMethod() + " is not allowed on " + path
          + "; OTLP/HTTP exports use POST");
      return;
    }
    receiver.recordHead(new ReceivedRequest(signal, path, exchange.getRequestHeaders()));
    // Read the whole body in every mode, so that a hung or failed request looks fully sent to the client.
    byte[] raw = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);

    Admission admission = receiver.admit(signal, exchange);
    switch (admission.answer()) {
      case HOLD -> {
        // Held until close(): a collector stuck behind a dead proxy.
      }
      case DROP -> closeQuietly(exchange); // closed meanwhile: drop it like the held ones
      case FAIL -> {
        if (admission.retryAfterSeconds() >= 0) {
          exchange.getResponseHeaders().set("Retry-After", Long.toString(admission.retryAfterSeconds()));
        }
        respondError(exchange, admission.status(),
            "OTLP receiver answers every export with HTTP " + admission.status() + " (respondWith)");
      }
      case DECODE -> {
        if (admission.delayNanos() > 0 && !waitOut(admission.delayNanos())) {
          closeQuietly(exchange); // the receiver is closing: nobody waits for the answer any more
          return;
        }
        receive(exchange, signal, raw);
      }
    }
  }

  /** Waits like a slow collector; false when interrupted by close(). */
  private static boolean waitOut(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void receive(HttpExchange exchange, Signal signal, byte[] raw) throws IOException {
    if (raw == null) {
      rejectBadRequest(exchange, 413, "request body exceeds " + MAX_BODY_BYTES + " bytes");
      return;
    }
    String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
    if ("application/json".equals(contentType)) {
      rejectBadRequest(exchange, 415, "OTLP/JSON is not supported by this test receiver;"
          + " send Content-Type: " + PROTOBUF);
      return;
    }
    if (!PROTOBUF.equals(contentType)) {
      rejectBadRequest(exchange, 415, "Content-Type must be " + PROTOBUF + ", got "
          + (contentType.isEmpty() ? "none" : contentType));
      return;
    }
    String encoding = mediaType(exchange.getRequestHeaders().getFirst("Content-Encoding"));
    byte[] body;
    if (encoding.isEmpty() || "identity".equals(encoding)) {
      body = raw;
    } else if ("gzip".equals(encoding)) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        body = readAtMost(in, MAX_BODY_BYTES);
      } catch (IOException e) {
        rejectBadRequest(exchange, 400, "body is not valid gzip: " + e.getMessage());
        return;
      }
      if (body == null) {
        rejectBadRequest(exchange, 413, "gzip body inflates beyond " + MAX_BODY_BYTES + " bytes");
        return;
      }
    } else {
      rejectBadRequest(exchange, 415, "Content-Encoding " + encoding + " is not supported; use gzip or none");
      return;
    }

    byte[] response;
    try {
      response = switch (signal) {
        case TRACES -> {
          receiver.store(ExportTraceServiceRequest.parseFrom(body));
          yield ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        }
        case LOGS -> {
          receiver.store(ExportLogsServiceRequest.parseFrom(body));
          yield ExportLogsServiceResponse.getDefaultInstance().toByteArray();
        }
        case METRICS -> {
          receiver.store(ExportMetricsServiceRequest.parseFrom(body));
          yield ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        }
      };
    } catch (InvalidProtocolBufferException e) {
      rejectBadRequest(exchange, 400, "body of " + signal.path() + " is not a valid OTLP "
          + requestTypeName(signal) + ": " + e.getMessage());
      return;
    }
    respond(exchange, 200, PROTOBUF, response);
  }

  private static String requestTypeName(Signal signal) {
    return switch (signal) {
      case TRACES -> "ExportTraceServiceRequest";
      case LOGS -> "ExportLogsServiceRequest";
      case METRICS -> "ExportMetricsServiceRequest";
    };
  }

  private void rejectBadRequest(HttpExchange exchange, int status, String message) throws IOException {
    receiver.recordBadRequest(status + " " + message);
    respondError(exchange, status, message);
  }

  /** OTLP/HTTP wants a protobuf google.rpc.Status in every error body; exporters log its message. */
  private static void respondError(HttpExchange exchange, int status, String message) throws IOException {
    int code = grpcCode(status);
    int size = CodedOutputStream.computeInt32Size(1, code) + CodedOutputStream.computeStringSize(2, message);
    byte[] body = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(body);
    out.writeInt32(1, code);
    out.writeString(2, message);
    out.checkNoSpaceLeft();
    respond(exchange, status, PROTOBUF, body);
  }

  private static int grpcCode(int httpStatus) {
    // The mapping of the OTLP specification (and gRPC's HTTP mapping) from HTTP status to google.rpc.Code.
    return switch (httpStatus) {
      case 400, 413, 415 -> 3; // INVALID_ARGUMENT
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 404 -> 5; // NOT_FOUND
      case 405 -> 12; // UNIMPLEMENTED
      case 429 -> 8; // RESOURCE_EXHAUSTED
      case 500 -> 13; // INTERNAL
      case 502, 503, 504 -> 14; // UNAVAILABLE
      default -> 2; // UNKNOWN
    };
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    // A HEAD answer must not carry a body, and the JDK server rejects writes after announcing none.
    boolean withBody = body.length > 0 && !"HEAD".equals(exchange.getRequestMethod());
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, withBody ? body.length : -1);
    if (withBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Returns the stream's bytes, or {@code null} when there are more than {@code limit}. */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int parameters = header.indexOf(';');
    return (parameters < 0 ? header : header.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }

  static void closeQuietly(HttpExchange exchange) {
    try {
      exchange.close();
    } catch (RuntimeException e) {
      // The connection is already gone, which is all closing was meant to achieve.
    }
  }
}
