package io.scanium.telemetry.logs;

import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;

/** {@link MismatchedAppenderContract} with OpenTelemetry's Logback appender 2.27.0-alpha on Logback. */
class MismatchedLogbackAppenderTest extends MismatchedAppenderContract {

  @Override
  protected Class<?> appenderClass() {
    return OpenTelemetryAppender.class;
  }

  @Override
  protected String appenderArtifact() {
    return "opentelemetry-logback-appender-1.0";
  }

  @Override
  protected String appenderWords() {
    return "the Logback OpenTelemetry appender";
  }
}
