package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.scanium.telemetry.receiver.ReceivedLog;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log export contract with Logback (logback-test.xml), plus what only Logback has. */
class LogbackLogExportTest extends Slf4j2LogExportContract {

  @Override
  protected String backend() {
    return "logback";
  }

  @Test
  void theReportNamesTheLogbackVersionThisModuleRunsOn() {
    install(Map.of());
    assertThat(telemetry.startupReport()).as("slf4j logs: line of the startup report")
        .contains("slf4j logs: logback " + System.getProperty("expected.logback.version") + ": ")
        .contains("bound to this SDK");
  }

  @Test
  void exportSurvivesAReloadOfTheConfiguration() throws Exception {
    install(Map.of());
    // What scan="true" and frameworks such as Spring Boot do: reset, then configure again.
    load("/logback-test.xml");

    String body = "after reload " + UUID.randomUUID();
    io.opentelemetry.api.trace.Span span =
        telemetry.openTelemetry().getTracer("logs-test").spanBuilder("after-reload").startSpan();
    io.opentelemetry.context.Scope scope = span.makeCurrent();
    try {
      APP.info(body);
    } finally {
      scope.close();
      span.end();
    }
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(log.traceIdHex()).isEqualTo(span.getSpanContext().getTraceId());
    // The new configuration's console comes after the re-inserted MDC decorator: the trace id is still shown.
    assertThat(console()).contains("trace_id=" + span.getSpanContext().getTraceId() + " span_id="
        + span.getSpanContext().getSpanId() + " order_id= - " + body);
  }

  @Test
  void declaredAppenderIsBoundInsteadOfAddingOne() throws Exception {
    load("/logback-declared.xml");
    try {
      String before = "declared, before install " + UUID.randomUUID();
      APP.info(before);
      install(Map.of());
      assertThat(telemetry.startupReport()).contains("declared in the Logback configuration (OTEL)");
      String body = "declared " + UUID.randomUUID();
      APP.info(body);
      receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
      receiver.awaitLog(ReceivedLog.withBody(before), WAIT);
      // One appender, one record each: ours was not added beside the declared one.
      assertThat(receiver.logs()).filteredOn(l -> body.equals(l.body()) || before.equals(l.body())).hasSize(2);
    } finally {
      load("/logback-test.xml");
    }
  }

  private void load(String resource) throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(ctx);
    configurator.doConfigure(getClass().getResource(resource));
  }

  @Test
  void theServicesAppendersStayWhereTheyWere() {
    install(Map.of());
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ROOT");
    assertThat(root.getAppender("CONSOLE")).as("the console appender, still on the root logger").isNotNull();
    assertThat(root.getAppender("CONSOLE").isStarted()).isTrue();
  }
}
