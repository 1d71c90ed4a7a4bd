package com.example.bootmvc;

import io.opentelemetry.api.trace.Span;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints for what the contract does not cover: logs in requests and an exception the application handles. */
@RestController
public class ShopController {

  private static final Logger LOG = LoggerFactory.getLogger(ShopController.class);

  /** Logs an error with an exception (the call that once killed the worker thread), then answers. */
  @GetMapping("/shop/orders/{id}")
  public String order(@PathVariable("id") String id) {
    LOG.info("order {} looked up", id);
    LOG.error("order " + id + " failed to load", new IllegalArgumentException("no such order " + id));
    return Span.current().getSpanContext().getTraceId();
  }

  /** Answers from Spring MVC's task executor: an ASYNC dispatch completes the request. */
  @GetMapping("/shop/async/{id}")
  public Callable<String> async(@PathVariable("id") String id) {
    return () -> "async " + id;
  }

  /** Throws an exception that {@link #handled} turns into a 200. */
  @GetMapping("/shop/handled")
  public String handledFailure() {
    throw new RecoverableException("recovered");
  }

  @ExceptionHandler(RecoverableException.class)
  public ResponseEntity<String> handled(RecoverableException e) {
    LOG.warn("handled: {}", e.getMessage());
    return ResponseEntity.ok("handled " + e.getMessage());
  }

  /** An exception the application answers itself. */
  static final class RecoverableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RecoverableException(String message) {
      super(message);
    }
  }
}
