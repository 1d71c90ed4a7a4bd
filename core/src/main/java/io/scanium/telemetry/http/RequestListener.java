package io.scanium.telemetry.http;

import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One consumer of the request lifecycle. The engine has exactly two, metrics and spans, and adapters none: adapters
 * only translate their framework's request into {@link HttpRequestGetter} calls.
 */
interface RequestListener {

  /** Called when the request starts; may set {@link Observation#context} and {@link Observation#span}. */
  <REQ> void onStart(Observation observation, REQ request, HttpRequestGetter<REQ> getter,
      TextMapGetter<REQ> headers);

  /** Called exactly once when the request ends, on the thread that ended it. */
  void onEnd(Observation observation);
}
