package com.example.webflux;

import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Handlers that hop threads, call out, log, fail, recover and hang, as real handlers do. */
@RestController
public class ReactiveController {

  private static final Logger log = LoggerFactory.getLogger(ReactiveController.class);

  private final Environment environment;

  public ReactiveController(Environment environment) {
    this.environment = environment;
  }

  /** After publishOn, subscribeOn and delayElement: logs and answers the trace id current there. */
  @GetMapping("/hops/{marker}")
  public Mono<String> hops(@PathVariable("marker") String marker) {
    return Mono.just(marker)
        .subscribeOn(Schedulers.boundedElastic())
        .publishOn(Schedulers.parallel())
        .delayElement(Duration.ofMillis(5))
        .map(m -> {
          log.info("after hops {}", m);
          return Span.current().getSpanContext().getTraceId();
        });
  }

  /** After a WebClient call to this same application: logs and answers the trace id current there. */
  @GetMapping("/client/{marker}")
  public Mono<String> client(@PathVariable("marker") String marker) {
    String port = environment.getProperty("local.server.port");
    return WebClient.create("http://127.0.0.1:" + port).get().uri("/contract/items/{id}", marker)
        .retrieve().bodyToMono(String.class)
        .map(body -> {
          log.info("after client call {}", body);
          return Span.current().getSpanContext().getTraceId();
        });
  }

  /** Logs an error with its exception and still answers. */
  @GetMapping("/log-error")
  public Mono<String> logError() {
    log.error("handled failure in a handler", new IllegalStateException("logged, not thrown"));
    return Mono.just("answered");
  }

  /** Fails with an exception that the application's exception handler answers with 409. */
  @GetMapping("/handled")
  public Mono<String> handled() {
    return Mono.error(new ConflictException());
  }

  /** Fails after the first element has been sent: the client already has its 200. */
  @GetMapping("/stream")
  public Flux<String> stream() {
    return Flux.just("first\n", "second\n").concatWith(Flux.error(new IllegalStateException("failed mid-stream")));
  }

  /** Answers only after a minute: the client gives up first. */
  @GetMapping("/slow")
  public Mono<String> slow() {
    return Mono.delay(Duration.ofMinutes(1)).thenReturn("late");
  }

  @ExceptionHandler(ConflictException.class)
  public ResponseEntity<String> conflict(ConflictException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body("conflict handled");
  }

  /** The application's own exception, answered by its exception handler. */
  static final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConflictException() {
      super("already exists");
    }
  }
}
