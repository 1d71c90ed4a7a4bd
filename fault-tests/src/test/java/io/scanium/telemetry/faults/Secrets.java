package io.scanium.telemetry.faults;

import com.google.protobuf.MessageOrBuilder;
import io.scanium.telemetry.receiver.OtlpReceiver;
import java.util.ArrayList;
import java.util.List;

/** The planted credential, and where it must never appear. */
final class Secrets {

  /** Sent in headers and query strings; URL-safe, so that it would appear verbatim wherever it leaked. */
  static final String PLANTED = "pl4nted5ecretZQ9";

  private Secrets() {}

  /** Every received export request (as protobuf text) that contains the secret, named by signal. */
  static List<String> findIn(OtlpReceiver receiver, String secret) {
    List<String> found = new ArrayList<>();
    search("traces", receiver.traceRequests(), secret, found);
    search("logs", receiver.logRequests(), secret, found);
    search("metrics", receiver.metricRequests(), secret, found);
    return found;
  }

  /** The lines of {@code text} that contain the secret, prefixed with where the text came from. */
  static List<String> findIn(String where, String text, String secret) {
    return text.lines().filter(line -> line.contains(secret)).map(line -> where + ": " + line).toList();
  }

  private static void search(String signal, List<? extends MessageOrBuilder> requests, String secret,
      List<String> found) {
    for (MessageOrBuilder request : requests) {
      String text = request.toString();
      int at = text.indexOf(secret);
      if (at >= 0) {
        found.add("exported " + signal + ": ..." + text.substring(Math.max(0, at - 200), at + secret.length()));
      }
    }
  }
}
