package io.scanium.telemetry.benchmarks.adapters;

import io.scanium.telemetry.http.HttpRequestGetter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A real Jetty 12 (EE10) request and response, in the middle of their servlet's {@code service}: the request is
 * sent once at setup over loopback, the servlet hands both objects out and waits until teardown. Jetty recycles a
 * request's objects once it completes, so they are only valid while held.
 */
@State(Scope.Benchmark)
public class HeldJettyRequest {

  HttpServletRequest request;
  HttpServletResponse response;
  HttpRequestGetter<HttpServletRequest> getter;
  private Server server;
  private Socket client;
  private final CountDownLatch release = new CountDownLatch(1);

  @Setup
  public void setUp() throws Exception {
    Held.quietLogging();
    getter = Held.getter("io.scanium.telemetry.servlet.ServletRequestGetter");
    CompletableFuture<Object[]> held = new CompletableFuture<>();
    server = new Server(new QueuedThreadPool(8, 2));
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        held.complete(new Object[] {req, resp});
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        resp.setStatus(200);
      }
    }), "/v1/items/*");
    server.setHandler(context);
    server.start();
    client = Held.send(connector.getLocalPort());
    Object[] pair = held.get(10, TimeUnit.SECONDS);
    request = (HttpServletRequest) pair[0];
    response = (HttpServletResponse) pair[1];
  }

  @TearDown
  public void tearDown() throws Exception {
    release.countDown();
    client.close();
    server.stop();
  }
}
