/**
 * A real OTLP/HTTP receiver for tests: it decodes what exporters send with the official
 * {@code opentelemetry-proto} classes and offers flattened views to assert on.
 *
 * <p>Start one with {@link io.scanium.telemetry.receiver.OtlpReceiver#start()}, point the exporter at
 * {@link io.scanium.telemetry.receiver.OtlpReceiver#endpoint()}, then wait for what should arrive with the
 * {@code await*} methods, which fail with a message that lists what did arrive.
 */
package io.scanium.telemetry.receiver;
