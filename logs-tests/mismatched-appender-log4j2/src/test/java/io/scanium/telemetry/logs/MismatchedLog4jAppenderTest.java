package io.scanium.telemetry.logs;

import io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender;

/**
 * {@link MismatchedAppenderContract} with OpenTelemetry's Log4j appender 2.27.0-alpha on Log4j2. Here the mismatch
 * shows before any logging call: the 2.27 appender's builder needs a class of opentelemetry-instrumentation-api-
 * incubator 2.27 that the class path's 2.15 lacks, so attaching it at install fails; install reports that logs are
 * not exported (and {@code SCANIUM_LOGS_REQUIRED=true} would refuse), and the application runs on.
 */
class MismatchedLog4jAppenderTest extends MismatchedAppenderContract {

  @Override
  protected Class<?> appenderClass() {
    return OpenTelemetryAppender.class;
  }

  @Override
  protected String appenderArtifact() {
    return "opentelemetry-log4j-appender-2.17";
  }

  @Override
  protected String failureAtInstall() {
    return "attaching OpenTelemetry's log4j2 appender failed with java.lang.NoClassDefFoundError";
  }

  @Override
  protected String appenderWords() {
    return "the Log4j2 OpenTelemetry appender";
  }
}
