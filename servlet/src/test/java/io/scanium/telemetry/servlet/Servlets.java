package io.scanium.telemetry.servlet;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Servlets as lambdas, registered through the Servlet API so that they run on any container. */
final class Servlets {

  private Servlets() {}

  /** A request handler; exceptions escape to the container as a servlet's would. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
  }

  /** Registers a handler under one or more URL patterns. */
  static ServletRegistration.Dynamic add(ServletContext context, String name, Handler handler, String... patterns) {
    ServletRegistration.Dynamic reg = context.addServlet(name, new HandlerServlet(handler));
    reg.setAsyncSupported(true);
    reg.addMapping(patterns);
    return reg;
  }

  /** Writes a text response with a length, so that the client's read ends with the body. */
  static void respond(HttpServletResponse response, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The trace id of the span current on the calling thread. */
  static String currentTraceId() {
    return Span.current().getSpanContext().getTraceId();
  }

  /** A plain {@link Servlet} (not HttpServlet, which is Serializable) around a handler. */
  private static final class HandlerServlet implements Servlet {
    private final Handler handler;
    private ServletConfig config;

    HandlerServlet(Handler handler) {
      this.handler = handler;
    }

    @Override
    public void init(ServletConfig config) {
      this.config = config;
    }

    @Override
    public ServletConfig getServletConfig() {
      return config;
    }

    @Override
    public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
      handler.handle((HttpServletRequest) req, (HttpServletResponse) res);
    }

    @Override
    public String getServletInfo() {
      return "test handler";
    }

    @Override
    public void destroy() {}
  }
}
