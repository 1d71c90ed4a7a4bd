package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An exporter built at its first export, on the batch processor's thread, rather than when the SDK is assembled.
 *
 * <p>Building an OTLP/HTTP exporter creates its JDK {@code HttpClient}: about 230 classes of {@code java.net.http},
 * a selector thread and the JDK's default TLS context (for an {@code http://} endpoint too: the SDK gives the client
 * no other). Measured on the project's machine that was a third of install's CPU, spent before the application's
 * first request for an export that comes seconds later. A build that fails (it does not for a configuration that
 * passed validation) fails that export, which export health counts and reports; the next export tries again.
 */
final class DeferredBuild<E> {

  private final Supplier<E> build;
  private final String description;
  private final Object lock = new Object();
  private volatile E built;
  private boolean shutDown;

  DeferredBuild(Supplier<E> build, String description) {
    this.build = build;
    this.description = description;
  }

  /** Runs {@code export} on the exporter, building it first if needed. */
  CompletableResultCode export(Function<E, CompletableResultCode> export) {
    E exporter;
    try {
      exporter = exporter();
    } catch (RuntimeException | LinkageError e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    return exporter == null ? CompletableResultCode.ofFailure() : export.apply(exporter);
  }

  /** Flushes the exporter if it was built: one never built holds nothing. */
  CompletableResultCode flush(Function<E, CompletableResultCode> flush) {
    E exporter = built;
    return exporter == null ? CompletableResultCode.ofSuccess() : flush.apply(exporter);
  }

  /** Shuts the exporter down if it was built, and keeps it from being built afterwards. */
  CompletableResultCode shutdown(Function<E, CompletableResultCode> shutdown) {
    E exporter;
    synchronized (lock) {
      shutDown = true;
      exporter = built;
    }
    return exporter == null ? CompletableResultCode.ofSuccess() : shutdown.apply(exporter);
  }

  private E exporter() {
    E exporter = built;
    if (exporter != null) {
      return exporter;
    }
    synchronized (lock) {
      if (built == null && !shutDown) {
        built = build.get();
      }
      return built;
    }
  }

  @Override
  public String toString() {
    E exporter = built;
    return exporter != null ? exporter.toString() : description + " (built at its first export)";
  }
}
