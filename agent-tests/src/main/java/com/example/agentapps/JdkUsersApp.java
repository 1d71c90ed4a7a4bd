package com.example.agentapps;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.jdkhttp.JdkHttpServerTelemetry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The users service on the JDK's {@code com.sun.net.httpserver}, configured by environment variables only. */
public final class JdkUsersApp {

  private JdkUsersApp() {}

  /** Serves on 127.0.0.1 and a free port until the process is stopped. */
  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY the JDK server's answers wait for the client's delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ScaniumTelemetry telemetry = ScaniumTelemetry.install();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    server.setExecutor(workers);
    HttpContext context = server.createContext("/", JdkUsersApp::handle);
    context.getFilters().add(JdkHttpServerTelemetry.builder(telemetry).routes(Users.ROUTE).build().createFilter());
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(1);
      workers.shutdown();
    }, "jdk-users-shutdown"));
    Users.ready(server.getAddress().getPort());
  }

  private static void handle(HttpExchange exchange) throws IOException {
    String id = "GET".equals(exchange.getRequestMethod()) ? Users.idOf(exchange.getRequestURI().getPath()) : null;
    byte[] body = (id == null ? "not found" : Users.lookUp(id)).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(id == null ? 404 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
