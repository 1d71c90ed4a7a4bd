package io.scanium.telemetry.spring.boot.tests;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.contract.HttpServerContractTest;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The HTTP-server contract, served by a Spring Boot application in a child JVM (its {@code ContractController})
 * and instrumented by the starter alone. The series are read from the child's own scrape endpoint, so they are
 * compared with exactly what the other adapters give. The in-process telemetry of the base class is unused.
 */
abstract class BootContractTest extends HttpServerContractTest {

  private BootApp app;
  private int scrapePort;

  /** The application module, e.g. {@code boot3-mvc-tomcat}. */
  abstract String application();

  @Override
  protected URI startServer(ScaniumTelemetry unused) throws Exception {
    scrapePort = FreePort.pick();
    Map<String, String> env = environment();
    env.put("SCANIUM_METRICS_PORT", Integer.toString(scrapePort));
    env.put("SCANIUM_METRICS_HOST", "127.0.0.1");
    app = BootApp.start(application(), env);
    return app.base();
  }

  @Override
  protected void stopServer() {
    if (app != null) {
      app.close();
    }
  }

  @Override
  protected Scrape scrape() {
    return Scrape.of(scrapeText());
  }

  @Override
  protected String scrapeText() {
    try {
      return app.get(URI.create("http://127.0.0.1:" + scrapePort + "/metrics"), Map.of()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
