package com.example.boot27;

import io.opentelemetry.api.trace.Span;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A plain endpoint, an async one (Spring MVC runs a Callable through the servlet async cycle) and a failing one. */
@RestController
class ItemController {

  @GetMapping("/items/{id}")
  String item(@PathVariable String id) {
    if (id.equals("missing")) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such item");
    }
    return Span.current().getSpanContext().getTraceId();
  }

  @GetMapping("/slow/{id}")
  Callable<String> slow(@PathVariable String id) {
    return () -> "slow " + id;
  }
}
