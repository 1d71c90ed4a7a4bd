package io.scanium.telemetry.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10). Its default servlet answers 404 for unmapped paths, through the filter chain. */
final class JettyContainer implements ServletContainer {

  private Server server;

  @Override
  public URI start(String contextPath, Map<String, String> initParameters,
      List<ServletContainerInitializer> initializers) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(contextPath.isEmpty() ? "/" : contextPath);
    initParameters.forEach(context::setInitParameter);
    initializers.forEach(context::addServletContainerInitializer);
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + "/");
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
