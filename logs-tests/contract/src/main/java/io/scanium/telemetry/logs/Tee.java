package io.scanium.telemetry.logs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/** Writes to a real stream (stdout, stderr) and to a capture the test reads. */
public final class Tee extends OutputStream {
  private final PrintStream out;
  private final ByteArrayOutputStream copy;

  /** Everything written goes to {@code out} and to {@code copy} (read it under its own lock). */
  public Tee(PrintStream out, ByteArrayOutputStream copy) {
    this.out = out;
    this.copy = copy;
  }

  @Override
  public void write(int b) {
    out.write(b);
    synchronized (copy) {
      copy.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    out.write(b, off, len);
    synchronized (copy) {
      copy.write(b, off, len);
    }
  }

  @Override
  public void flush() {
    out.flush();
  }
}
