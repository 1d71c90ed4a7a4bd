package io.scanium.telemetry.logs;

/** slf4j-simple prints to stderr and has no appenders: logs are reported as not exported. */
class Slf4jSimpleProviderTest extends UnsupportedProviderContract {
  @Override
  protected String providerWords() {
    return "the SLF4J provider is slf4j-simple (org.slf4j.simple.SimpleLoggerFactory)";
  }
}
