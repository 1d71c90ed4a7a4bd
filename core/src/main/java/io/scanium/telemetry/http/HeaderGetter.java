package io.scanium.telemetry.http;

import io.opentelemetry.context.propagation.TextMapGetter;

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
}
