package io.scanium.telemetry.logs;

/** slf4j-nop discards every event: logs are reported as not exported. */
class Slf4jNopProviderTest extends UnsupportedProviderContract {
  @Override
  protected String providerWords() {
    return "the SLF4J provider is slf4j-nop (org.slf4j.helpers.NOPLoggerFactory)";
  }
}
