package com.example.catalog;

import io.scanium.telemetry.servlet.ScaniumServletContainerInitializer;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The catalog as servlets on embedded Jetty 12 (ee10). It writes no telemetry code: the servlet adapter's
 * initializer registers the filter, with the telemetry the process installed, as a container does for a deployed
 * web application. The item servlet names its route template, which a prefix mapping cannot.
 */
public final class CatalogJetty implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;

  private CatalogJetty(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts on 127.0.0.1 and a free port. */
  public static CatalogJetty start() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    // Embedded Jetty runs no initializer found on the classpath by itself; a deployed WAR's container does.
    context.addServletContainerInitializer(new ScaniumServletContainerInitializer());
    context.addServlet(new ItemServlet(), "/v1/items/*");
    context.addServlet(new ClassifyServlet(), Catalog.CLASSIFY_ROUTE);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new CatalogJetty(server, connector);
  }

  /** The port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping Jetty", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop Jetty", e);
    }
  }

  private static final class ItemServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      ScaniumServletTelemetry.observation(request).ifPresent(o -> o.setRoute(Catalog.ITEM_ROUTE));
      String path = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
      String item = Catalog.item(path);
      write(response, item == null ? 404 : 200, item == null ? "{\"error\":\"no such item\"}" : item);
    }
  }

  private static final class ClassifyServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      write(response, 200, "{\"category\":\"" + Catalog.classify(body) + "\"}");
    }
  }

  private static void write(HttpServletResponse response, int status, String body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getWriter().write(body);
  }
}
