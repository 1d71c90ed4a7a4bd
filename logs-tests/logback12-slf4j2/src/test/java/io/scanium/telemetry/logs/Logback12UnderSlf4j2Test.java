package io.scanium.telemetry.logs;

/**
 * Logback 1.2 serves SLF4J 1.7 only; under SLF4J 2 it is no provider, and SLF4J discards every event, the
 * application's own console output included. The library cannot fix the application's class path, but says so.
 */
class Logback12UnderSlf4j2Test extends UnsupportedProviderContract {

  @Override
  protected String providerWords() {
    return "with logback-classic 1.2.13, which serves SLF4J 1.7 only";
  }
}
