package io.scanium.telemetry.spring.boot;

import io.scanium.telemetry.TelemetryConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a configuration that would lose telemetry into Boot's "APPLICATION FAILED TO START" block, with the
 * library's message (every problem, its variable, value, source and fix) instead of a bean-creation stack trace.
 */
final class TelemetryConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TelemetryConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, TelemetryConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the settings above: environment variables, system properties, or otel.* / scanium.* in the"
            + " application's Spring configuration (see docs/spring-boot.md).", cause);
  }
}
