package io.scanium.telemetry.servlet;

import static io.scanium.telemetry.servlet.Servlets.respond;

import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.contract.HttpServerContractTest;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;

/**
 * The HTTP-server contract on a servlet container, instrumented through {@link ScaniumServletTelemetry} as an
 * application would register it. Routes come from two sources: the exact servlet mappings ({@code /contract/ok})
 * and a declared template for the servlet mapped by prefix ({@code /contract/items/*} is recorded as
 * {@code /contract/items/{id}}). Unknown paths reach the container's default servlet: no template, so
 * {@code __unmatched__}.
 */
abstract class ServletContractTest extends HttpServerContractTest {

  private ServletContainer container;

  /** A new, not yet started container. */
  protected abstract ServletContainer newContainer();

  @Override
  protected URI startServer(ScaniumTelemetry telemetry) throws Exception {
    container = newContainer();
    URI base = container.start(contractApp(telemetry));
    return URI.create(base.getScheme() + "://" + base.getAuthority());
  }

  static ServletContainerInitializer contractApp(ScaniumTelemetry telemetry) {
    return (classes, ctx) -> {
      ScaniumServletTelemetry.builder(telemetry).routes("/contract/items/{id}").build().register(ctx);
      Servlets.add(ctx, "ok", (req, resp) -> respond(resp, 200, Servlets.currentTraceId()), "/contract/ok");
      Servlets.add(ctx, "client-error", (req, resp) -> respond(resp, 400, "bad request"), "/contract/client-error");
      Servlets.add(ctx, "server-error", (req, resp) -> respond(resp, 503, "unavailable"), "/contract/server-error");
      Servlets.add(ctx, "exception", (req, resp) -> {
        throw new IllegalStateException(FAILURE_MESSAGE);
      }, "/contract/exception");
      Servlets.add(ctx, "items", (req, resp) -> {
        String id = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        if (id.isEmpty() || id.contains("/")) {
          resp.sendError(404);
        } else {
          respond(resp, 200, id);
        }
      }, "/contract/items/*");
    };
  }

  @Override
  protected void stopServer() throws Exception {
    container.close();
  }
}
