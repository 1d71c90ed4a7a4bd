package com.example.bootmvc;

import io.opentelemetry.api.trace.Span;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The fixed endpoints of core's HttpServerContractTest, so its series can be compared with the other adapters'. */
@RestController
@RequestMapping("/contract")
public class ContractController {

  @GetMapping("/ok")
  public String ok() {
    return Span.current().getSpanContext().getTraceId();
  }

  @GetMapping("/client-error")
  public ResponseEntity<String> clientError() {
    return ResponseEntity.status(400).body("bad");
  }

  @GetMapping("/server-error")
  public ResponseEntity<String> serverError() {
    return ResponseEntity.status(503).body("unavailable");
  }

  @GetMapping("/exception")
  public String exception() {
    throw new IllegalStateException("contract failure");
  }

  @GetMapping("/items/{id}")
  public String item(@PathVariable("id") String id) {
    return id;
  }
}
