package io.scanium.telemetry.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 11. Tomcat answers an unmapped path itself, without running filters, unless a default servlet is
 * mapped, as it is in every real deployment (conf/web.xml): so one is.
 */
final class TomcatContainer implements ServletContainer {

  private Tomcat tomcat;
  private Path baseDir;

  @Override
  public URI start(String contextPath, Map<String, String> initParameters,
      List<ServletContainerInitializer> initializers) throws Exception {
    baseDir = Files.createTempDirectory("tomcat-test");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Path docBase = Files.createDirectories(baseDir.resolve("docs"));
    Context context = tomcat.addContext(contextPath, docBase.toString());
    initParameters.forEach(context::addParameter);
    for (ServletContainerInitializer sci : initializers) {
      context.addServletContainerInitializer(sci, null);
    }
    Tomcat.addServlet(context, "default", new DefaultServlet());
    context.addServletMappingDecoded("/", "default");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      close();
      throw e;
    }
    if (context.getState() != LifecycleState.STARTED) {
      close();
      throw new IllegalStateException("the web application did not start: " + context.getState());
    }
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath + "/");
  }

  @Override
  public void close() throws Exception {
    if (tomcat != null) {
      try {
        tomcat.stop();
        tomcat.destroy();
      } finally {
        tomcat = null;
        deleteRecursively(baseDir);
      }
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
