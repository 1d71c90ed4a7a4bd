package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.internal.logs.ExportGate;
import org.junit.jupiter.api.Test;

/** The backend-neutral rules of the OpenTelemetry appenders: loop guard and pre-install budget. */
class ExportGateTest {

  @Test
  void telemetryMachineryLoggersAreInternal() {
    assertThat(ExportGate.isInternal("io.opentelemetry.exporter.internal.http.HttpExporter")).isTrue();
    assertThat(ExportGate.isInternal("io.opentelemetry")).isTrue();
    assertThat(ExportGate.isInternal("io.scanium.telemetry.internal.health.ExportHealth")).isTrue();
    assertThat(ExportGate.isInternal("jdk.internal.httpclient.debug")).isTrue();
    assertThat(ExportGate.isInternal("jdk.httpclient.HttpClient")).isTrue();
  }

  @Test
  void applicationLoggersAreNot() {
    assertThat(ExportGate.isInternal("app.checkout")).isFalse();
    assertThat(ExportGate.isInternal("io.opentelemetryx.app")).isFalse();
    assertThat(ExportGate.isInternal("io.scanium.checkout")).isFalse();
    assertThat(ExportGate.isInternal("")).isFalse();
    assertThat(ExportGate.isInternal(null)).isFalse();
  }

  @Test
  void beforeBindingOnlyTheCapacityIsAdmittedAndTheRestCounted() {
    ExportGate gate = new ExportGate(3);
    int admitted = 0;
    for (int i = 0; i < 10; i++) {
      admitted += gate.admit() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(3);
    assertThat(gate.bind()).containsExactly(3, 7);
    assertThat(ExportGate.preInstallClause(new long[] {3, 7})).contains("3 event(s)").contains("7 more were not kept");
  }

  @Test
  void onceBoundEverythingIsAdmittedAndUnbindingStartsANewBudget() {
    ExportGate gate = new ExportGate(2);
    gate.bind();
    for (int i = 0; i < 100; i++) {
      assertThat(gate.admit()).isTrue();
    }
    gate.unbind();
    assertThat(gate.admit()).isTrue();
    assertThat(gate.admit()).isTrue();
    assertThat(gate.admit()).isFalse();
    assertThat(gate.bind()).containsExactly(2, 1);
  }

  @Test
  void aDeclaredAppendersGateNeverLimits() {
    ExportGate gate = new ExportGate(Integer.MAX_VALUE);
    for (int i = 0; i < 10_000; i++) {
      assertThat(gate.admit()).isTrue();
    }
    assertThat(ExportGate.preInstallClause(gate.bind())).isEmpty();
  }
}
