package io.scanium.telemetry.internal;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The part of install that needs nothing the rest of it computes, run on a second thread while the SDK is assembled,
 * and joined before install returns (so the registry is complete when it does, as before): the JVM metrics, whose
 * registration loads about 150 classes (JMX, {@code java.lang.management}) and reads every memory pool and collector,
 * 109 ms of the main thread's wall time on the project's machine (async-profiler, the servlet load server).
 */
public final class ParallelStart {

  private final Thread thread;
  private volatile RuntimeException failed;
  private volatile Error error;

  private ParallelStart(PrometheusRegistry jvmMetrics) {
    this.thread = new Thread(() -> run(jvmMetrics), "scanium-telemetry-start");
    thread.setDaemon(true);
  }

  /**
   * Starts the work.
   *
   * @param jvmMetrics the registry to register the JVM metrics into, or null for none
   */
  public static ParallelStart start(PrometheusRegistry jvmMetrics) {
    ParallelStart s = new ParallelStart(jvmMetrics);
    s.thread.start();
    return s;
  }

  private void run(PrometheusRegistry jvmMetrics) {
    try {
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
