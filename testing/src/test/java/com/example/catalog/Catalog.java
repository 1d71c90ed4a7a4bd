package com.example.catalog;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business logic of a small catalog service, shared by its JDK, servlet and Vert.x front ends. It is written as
 * production code is: spans from {@code GlobalOpenTelemetry}, logs through SLF4J, no knowledge of tests.
 */
public final class Catalog {

  /** The templates of the service's routes, in the contract's syntax. */
  public static final String ITEM_ROUTE = "/v1/items/{id}";
  /** Classification, POST with a description as the body. */
  public static final String CLASSIFY_ROUTE = "/v1/classify";

  private static final Logger log = LoggerFactory.getLogger(Catalog.class);

  private Catalog() {}

  /** The item as JSON, or null when there is no such item. */
  public static String item(String id) {
    if (!id.matches("[0-9]{1,9}")) {
      return null;
    }
    return "{\"id\":" + id + ",\"name\":\"item " + id + "\"}";
  }

  /** Classifies a description, in a span of its own, and logs the outcome. */
  public static String classify(String description) {
    Span span = GlobalOpenTelemetry.getTracer("com.example.catalog").spanBuilder("classify").startSpan();
    Scope scope = span.makeCurrent();
    try {
      String text = description == null ? "" : description.toLowerCase(Locale.ROOT);
      String category = text.contains("novel") || text.contains("book") ? "books"
          : text.contains("phone") ? "electronics" : "other";
      span.setAttribute("category", category);
      log.atInfo().addKeyValue("category", category).log("classified item");
      return category;
    } finally {
      scope.close();
      span.end();
    }
  }
}
