package io.scanium.telemetry.benchmarks.servlet;

import ch.qos.logback.classic.Level;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.benchmarks.LoadModes;
import io.scanium.telemetry.servlet.ScaniumServletTelemetry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.LoggerFactory;

/**
 * A Jetty 12 hello-world servlet for load runs with wrk ({@code benchmarks/load/http-wrk.sh servlet}), with the
 * servlet filter registered as the container initializer registers it, in one of the {@link LoadModes}.
 * Arguments: {@code MODE PORT}; the telemetry is configured by the environment. Listens on 127.0.0.1 only; prints
 * {@code READY} when serving.
 */
public final class ServletLoadServer {

  private ServletLoadServer() {}

  /** Starts the server and serves until killed; the shutdown hook prints the spans the SDK had to drop. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !args[0].matches(LoadModes.PATTERN)) {
      System.err.println("usage: ServletLoadServer none|agent|off|noop|otlp PORT");
      System.exit(2);
    }
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    // Jetty logs through SLF4J; Logback's default configuration would print its DEBUG output during the run.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("hello", new Hello()), "/hello");

    ScaniumTelemetry telemetry = LoadModes.install(mode);
    if (telemetry != null) {
      ScaniumServletTelemetry servlet = ScaniumServletTelemetry.create(telemetry);
      // The same registration the initializer makes in a deployed web application.
      context.addServletContainerInitializer((classes, ctx) -> servlet.register(ctx));
    }
    server.setHandler(context);
    server.start();

    ScaniumTelemetry installed = telemetry;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (installed != null) {
        System.err.println(LoadModes.summary(installed));
        installed.close();
      }
    }));
    System.out.println("READY " + mode + " " + connector.getLocalPort() + " pid " + ProcessHandle.current().pid());
    server.join();
  }

  /** The application: a fixed five-byte body with its length. */
  private static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = "hello".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.setContentLength(BODY.length);
      resp.getOutputStream().write(BODY);
    }
  }
}
