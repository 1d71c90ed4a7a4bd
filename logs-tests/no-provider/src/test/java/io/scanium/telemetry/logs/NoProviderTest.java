package io.scanium.telemetry.logs;

/** No SLF4J provider at all: SLF4J discards every event, and logs are reported as not exported. */
class NoProviderTest extends UnsupportedProviderContract {
  @Override
  protected String providerWords() {
    return "no SLF4J provider is on the classpath";
  }
}
