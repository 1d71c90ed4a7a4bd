package io.scanium.telemetry.servlet;

import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.ScaniumTelemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * A web application as deployed: Tomcat's {@code addWebapp}, which runs the container's own discovery of
 * {@code ServletContainerInitializer}s, and an application servlet that knows nothing of telemetry. Run in a child
 * JVM by {@link TomcatWebappChildJvmTest} with the environment under test; reports on stdout, stops when stdin
 * closes.
 */
public final class TomcatWebappMain {

  private TomcatWebappMain() {}

  /** Starts, reports {@code STATE}, {@code PORT}, {@code FILTERS} and {@code INSTALLED}, waits for stdin to close. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path baseDir = Files.createTempDirectory("tomcat-webapp");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    // Tomcat's default web.xml would add the JSP servlet, which is not on this classpath.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Context context = tomcat.addWebapp("", Files.createDirectories(baseDir.resolve("webapp")).toString());
    // Scanning every jar of the test classpath for annotations takes long on a busy machine and finds nothing.
    // Initializers are found through the class loader's service files, not by this scan.
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    scanner.setScanManifest(false);
    context.setJarScanner(scanner);
    Tomcat.addServlet(context, "default", new DefaultServlet());
    context.addServletMappingDecoded("/", "default");
    Tomcat.addServlet(context, "hello", new jakarta.servlet.http.HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
          throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print(Span.current().getSpanContext().getTraceId());
      }
    });
    context.addServletMappingDecoded("/hello", "hello");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      out.println("START FAILED");
      e.printStackTrace(out);
    }
    out.println("STATE " + context.getState());
    out.println("PORT " + connector.getLocalPort());
    out.println("FILTERS " + new TreeSet<>(context.getServletContext().getFilterRegistrations().keySet()));
    out.println("INSTALLED " + ScaniumTelemetry.installed().isPresent());
    while (System.in.read() >= 0) {
      // Runs until the parent closes stdin.
    }
    tomcat.stop();
    tomcat.destroy();
    out.println("STOPPED INSTALLED " + ScaniumTelemetry.installed().isPresent());
    TomcatContainer.deleteRecursively(baseDir);
  }
}
