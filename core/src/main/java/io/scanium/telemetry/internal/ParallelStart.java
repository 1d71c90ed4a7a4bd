package io.scanium.telemetry.internal;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * The parts of install that need nothing the rest of it computes, run on a second thread while the SDK is assembled,
 * and joined before install returns (so the registry and the SDK are complete when it does, as before):
 * <ul>
 *   <li>the JVM metrics: registering them loads about 150 classes (JMX, {@code java.lang.management}) and reads
 *       every memory pool and collector;</li>
 *   <li>the JDK's default TLS context: the OTLP sender's {@code HttpClient} builds it when it is created, even for an
 *       {@code http://} endpoint, and that parses the JDK's trust store. Built here first, it is ready (and shared) by
 *       the time the sender asks for it.</li>
 * </ul>
 * Measured with async-profiler (wall clock, the servlet load server, 2 cores): these two were 300 of the 650 ms
 * install took on the main thread.
 */
public final class ParallelStart {

  private final Thread thread;
  private volatile RuntimeException failed;
  private volatile Error error;

  private ParallelStart(PrometheusRegistry jvmMetrics, boolean tls) {
    this.thread = new Thread(() -> run(jvmMetrics, tls), "scanium-telemetry-start");
    thread.setDaemon(true);
  }

  /**
   * Starts the work.
   *
   * @param jvmMetrics the registry to register the JVM metrics into, or null for none
   * @param tls whether an OTLP sender will be created (its TLS context is built ahead)
   */
  public static ParallelStart start(PrometheusRegistry jvmMetrics, boolean tls) {
    ParallelStart s = new ParallelStart(jvmMetrics, tls);
    s.thread.start();
    return s;
  }

  private void run(PrometheusRegistry jvmMetrics, boolean tls) {
    try {
      if (tls) {
        try {
          SSLContext.getDefault();
        } catch (NoSuchAlgorithmException | RuntimeException e) {
          // The sender meets the same problem when it builds its client, and reports it there.
        }
      }
      if (jvmMetrics != null) {
        JvmMetrics.builder().register(jvmMetrics);
      }
    } catch (RuntimeException e) {
      failed = e;
    } catch (Error e) {
      error = e;
    }
  }

  /** Waits for the work; rethrows what registering the JVM metrics threw, on the installing thread. */
  public void join() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (error != null) {
      throw error;
    }
    if (failed != null) {
      throw failed;
    }
  }
}
