package io.scanium.telemetry.servlet.refusal;

import io.scanium.telemetry.internal.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * A web application deployed as a user deploys one ({@code addWebapp}: Tomcat discovers the initializers in the
 * service files of the class path itself), serving a static file through Tomcat's default servlet. Written only
 * against Tomcat API common to Tomcat 9 (javax) and Tomcat 11 (jakarta), never the servlet API, so that the same
 * class runs on both. Captures the library's stderr diagnostics.
 */
final class Webapp implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Path baseDir;
  private final Tomcat tomcat;
  private final Context context;
  private final Connector connector;

  private Webapp() throws IOException {
    Diagnostics.setOutput(new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    baseDir = Files.createTempDirectory("refusal-webapp");
    Path docBase = Files.createDirectories(baseDir.resolve("webapp"));
    Files.writeString(docBase.resolve("hello.txt"), "hello");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    // Tomcat's default web.xml would add the JSP servlet, which is not on this class path.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    context = tomcat.addWebapp("", docBase.toString());
    // Initializers are found through the class loader's service files, not by this (slow) annotation scan.
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    scanner.setScanManifest(false);
    context.setJarScanner(scanner);
    Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
    context.addServletMappingDecoded("/", "default");
  }

  /** Deploys and starts the application; a failed deployment shows in {@link #state()}. */
  static Webapp start() throws Exception {
    Webapp webapp = new Webapp();
    webapp.tomcat.start();
    return webapp;
  }

  /** {@code Apache Tomcat/9.0.112}, as the container tells applications ({@code getServerInfo()}). */
  static String serverInfo() {
    return ServerInfo.getServerInfo();
  }

  /** The application's lifecycle state: {@code STARTED} unless its deployment failed. */
  String state() {
    return context.getState().name();
  }

  /** The names of the filters the application has. */
  List<String> filters() {
    return Arrays.stream(context.findFilterDefs()).map(FilterDef::getFilterName).sorted().toList();
  }

  /** What the library wrote on its stderr channel so far. */
  String diagnostics() {
    return diagnostics.toString(StandardCharsets.UTF_8);
  }

  HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/" + path);
    return client.send(HttpRequest.newBuilder(uri).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws LifecycleException, IOException {
    try {
      tomcat.stop();
      tomcat.destroy();
    } finally {
      Diagnostics.setOutput(null);
      try (Stream<Path> paths = Files.walk(baseDir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
