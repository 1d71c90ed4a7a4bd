package io.scanium.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.receiver.ReceivedLog;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@link LogExportContract} plus what only the SLF4J 2 API can log: key-value pairs of the fluent API. Backends on
 * SLF4J 2 (Logback 1.3 and later, Log4j2 through log4j-slf4j2-impl) run this one; Logback 1.2 on SLF4J 1.7 runs the
 * base contract.
 */
public abstract class Slf4j2LogExportContract extends LogExportContract {

  @Test
  void keyValuePairsArriveAsAttributesBesideTheMdc() {
    install(Map.of());
    String body = "with key-values " + UUID.randomUUID();
    MDC.put("order_id", "o-17");
    try {
      APP.atInfo().addKeyValue("customer", "c-9").addKeyValue("amount", 42).log(body);
    } finally {
      MDC.remove("order_id");
    }
    ReceivedLog log = receiver.awaitLog(ReceivedLog.withBody(body), WAIT);
    assertThat(log.attribute("order_id")).isEqualTo("o-17");
    assertThat(log.attribute("customer")).isEqualTo("c-9");
    assertThat(log.attribute("amount")).isEqualTo("42");
  }
}
