package io.scanium.telemetry;

import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * A service in miniature, run in a child JVM by {@link ChildJvmTest}: installs telemetry from the real process
 * environment (the outermost entry point), emits one span and one log record through the SDK, and exits, leaving the
 * flush to the shutdown hook.
 */
public final class ChildMain {

  private ChildMain() {}

  @SuppressWarnings("try") // a scope or capture held for its effect, never referenced
  public static void main(String[] args) {
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();
    Span span = telemetry.openTelemetry().getTracer("child").spanBuilder("child-span").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      telemetry.sdk().getSdkLoggerProvider().get("child").logRecordBuilder()
          .setSeverity(Severity.INFO).setBody("child log").emit();
    } finally {
      span.end();
    }
    System.out.println("CHILD STARTED " + span.getSpanContext().getTraceId());
    System.out.flush();
    System.exit(0);
  }
}
