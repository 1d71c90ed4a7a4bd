package io.scanium.telemetry.receiver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The head of one export request as it reached the receiver: which signal's path, the exact path and the headers.
 * Lets a test compare what an exporter really sends (credentials, tenant headers, the URL it derived) with what the
 * sender claims to send.
 *
 * @param signal the signal whose path was requested
 * @param path the request path, as sent
 * @param headers every request header, names in lower case
 */
public record ReceivedRequest(Signal signal, String path, Map<String, List<String>> headers) {

  public ReceivedRequest {
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
        .addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(lower);
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return its first value, or null when the request did not carry it
   */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
