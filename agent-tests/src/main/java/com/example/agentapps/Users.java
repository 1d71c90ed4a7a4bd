package com.example.agentapps;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every test application does, whatever its server: {@code GET /users/{id}} logs one SLF4J event and answers
 * 200, and a ready line tells the test where the server listens.
 *
 * <p>In {@code com.example}, as a user's code is: the library never exports the events of its own loggers.
 */
public final class Users {

  /** The route template of the one endpoint. */
  public static final String ROUTE = "/users/{id}";

  /** The line the tests wait for; the Spring Boot test applications print the same. */
  public static final String READY = "SCANIUM-APP READY port=";

  private static final Logger LOG = LoggerFactory.getLogger(Users.class);

  private Users() {}

  /** Handles one request for a user: one log event, and the body of the 200 answer. */
  public static String lookUp(String id) {
    LOG.info("user {} looked up", id);
    return "user " + id;
  }

  /** The user id of a path {@code /users/<id>}, or null for any other path. */
  public static String idOf(String path) {
    String prefix = "/users/";
    if (path == null || !path.startsWith(prefix) || path.length() == prefix.length()
        || path.indexOf('/', prefix.length()) >= 0) {
      return null;
    }
    return path.substring(prefix.length());
  }

  /** Prints the ready line once the server accepts requests. */
  public static void ready(int port) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(READY + port);
  }
}
