package io.scanium.telemetry.http;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Iterator;

/** Lets the configured propagators read an adapter's headers; one instance per instrumenter, not per request. */
final class HeaderGetter<REQ> implements TextMapGetter<REQ> {
  private final HttpRequestGetter<REQ> getter;

  HeaderGetter(HttpRequestGetter<REQ> getter) {
    this.getter = getter;
  }

  @Override
  public Iterable<String> keys(REQ carrier) {
    return getter.headerNames(carrier);
  }

  /**
   * The header's value; for the list-valued propagation headers ({@code baggage}, {@code tracestate}) sent as several
   * lines, the lines joined with commas, which is what one line holding them all would say (W3C). The lookup of
   * further lines happens only when the header is present.
   */
  @Override
  public String get(REQ carrier, String key) {
    if (carrier == null) {
      return null;
    }
    String value = getter.header(carrier, key);
    if (value == null || !(key.equals("baggage") || key.equals("tracestate"))) {
      return value;
    }
    StringBuilder joined = null;
    for (String line : getter.headerValues(carrier, key)) {
      if (joined == null) {
        joined = new StringBuilder(line);
      } else {
        joined.append(',').append(line);
      }
    }
    return joined == null ? value : joined.toString();
  }

  /**
   * Every line of the header; null, not an empty iterator, for an absent header: the W3C baggage propagator then
   * returns at once, instead of allocating a baggage builder on every request without baggage. Not marked
   * {@code @Override}: {@code getAll} exists only from OpenTelemetry 1.50 on, and the library is compiled against
   * the oldest version it supports (Spring Boot 3.5 manages 1.49).
   */
  public Iterator<String> getAll(REQ carrier, String key) {
    if (carrier == null || getter.header(carrier, key) == null) {
      return null;
    }
    return getter.headerValues(carrier, key).iterator();
  }
}
