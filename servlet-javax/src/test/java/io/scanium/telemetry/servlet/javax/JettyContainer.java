package io.scanium.telemetry.servlet.javax;

import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * Embedded Jetty 9.4, a Servlet 3.1 container: the tests using it run on the 3.1 API jar, where
 * {@code HttpServletMapping} and the Servlet 4 default methods do not exist. Its default servlet answers 404 for
 * unmapped paths, through the filter chain.
 */
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
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
    initParameters.forEach(context::setInitParameter);
    for (ServletContainerInitializer sci : initializers) {
      context.addBean(new ServletContextHandler.Initializer(context, sci));
    }
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    if (!context.isAvailable()) {
      // A context that failed without failing the server: a deployment failure is what callers expect.
      server.stop();
      throw new IllegalStateException("the web application did not start");
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
