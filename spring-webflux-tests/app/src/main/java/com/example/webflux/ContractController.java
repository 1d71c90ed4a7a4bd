package com.example.webflux;

import io.opentelemetry.api.trace.Span;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The fixed endpoints of the HTTP-server contract test (core's HttpServerContractTest). */
@RestController
public class ContractController {

  @GetMapping("/contract/ok")
  public Mono<String> ok() {
    return Mono.fromSupplier(() -> Span.current().getSpanContext().getTraceId());
  }

  @GetMapping("/contract/client-error")
  public ResponseEntity<String> clientError() {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("bad");
  }

  @GetMapping("/contract/server-error")
  public ResponseEntity<String> serverError() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("unavailable");
  }

  @GetMapping("/contract/exception")
  public Mono<String> exception() {
    throw new IllegalStateException("contract failure");
  }

  @GetMapping("/contract/items/{id}")
  public Mono<String> item(@PathVariable("id") String id) {
    return Mono.just(id);
  }
}
