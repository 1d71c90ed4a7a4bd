package com.example.servletjetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The example API: health, configuration, items, classification, and a route that always fails. */
final class ApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getServletPath();
    String info = request.getPathInfo();
    switch (path) {
      case "/health" -> respond(response, 200, "{\"status\":\"UP\"}");
      case "/v1/config" ->
          respond(response, 200, "{\"currency\":\"EUR\",\"maxUploadBytes\":10485760,\"classifier\":\"keywords\"}");
      case "/v1/items" -> {
        String id = info == null ? "" : info.substring(1);
        if (id.matches("[0-9]{1,18}")) {
          respond(response, 200, "{\"id\":" + id + ",\"name\":\"item " + id + "\"}");
        } else {
          respond(response, 404, "{\"error\":\"no such item\"}");
        }
      }
      case "/v1/fail" -> {
        IllegalStateException cause = new IllegalStateException("classification backend timed out");
        log.error("classification backend failed", cause);
        // Deliberately uncaught: the container answers 500, as for any unhandled error in production.
        throw new IllegalStateException("request failed: classification backend unavailable", cause);
      }
      default -> respond(response, 404, "{\"error\":\"not found\"}");
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"/v1/classify".equals(request.getServletPath())) {
      respond(response, 404, "{\"error\":\"not found\"}");
      return;
    }
    String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String category = classify(body);
    log.atInfo().addKeyValue("category", category).log("classified item");
    respond(response, 200, "{\"category\":\"" + category + "\"}");
  }

  /** A keyword classifier: the example is about telemetry, not about classification. */
  static String classify(String description) {
    String text = description.toLowerCase(Locale.ROOT);
    if (text.contains("phone") || text.contains("laptop") || text.contains("charger")) {
      return "electronics";
    }
    if (text.contains("book") || text.contains("novel")) {
      return "books";
    }
    if (text.contains("shirt") || text.contains("shoe") || text.contains("jacket")) {
      return "clothing";
    }
    return "other";
  }

  private static void respond(HttpServletResponse response, int status, String json) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json);
  }
}
