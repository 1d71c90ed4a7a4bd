package com.example.agentapps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /users/{id}} as a servlet mapped to {@code /users/*}. */
final class UsersServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = Users.idOf(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()));
    if (id == null) {
      response.sendError(404);
      return;
    }
    response.setContentType("text/plain");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(Users.lookUp(id));
  }
}
