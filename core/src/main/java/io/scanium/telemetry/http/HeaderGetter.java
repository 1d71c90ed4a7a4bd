package io.scanium.telemetry.http;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
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

  @Override
  public String get(REQ carrier, String key) {
    return carrier == null ? null : getter.header(carrier, key);
  }

  /**
   * Null, not an empty iterator, for an absent header: the W3C baggage propagator then returns at once, instead of
   * allocating a baggage builder on every request without baggage. Only the first value is seen, as with
   * {@link #get}. Not marked {@code @Override}: {@code getAll} exists only from OpenTelemetry 1.50 on, and the
   * library is compiled against the oldest version it supports (Spring Boot 3.5 manages 1.49).
   */
  public Iterator<String> getAll(REQ carrier, String key) {
    String value = get(carrier, key);
    return value == null ? null : Collections.singletonList(value).iterator();
  }
}
