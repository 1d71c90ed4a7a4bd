package io.scanium.telemetry.testsupport;

import io.scanium.telemetry.internal.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what the library writes to stderr (its diagnostics and startup report) during a test. */
public final class StderrCapture implements AutoCloseable {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private StderrCapture() {
    Diagnostics.setOutput(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing. */
  public static StderrCapture start() {
    return new StderrCapture();
  }

  /** Everything captured so far. */
  public synchronized String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    Diagnostics.setOutput(null);
  }
}
