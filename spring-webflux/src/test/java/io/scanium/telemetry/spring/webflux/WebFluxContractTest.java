package io.scanium.telemetry.spring.webflux;

import io.opentelemetry.api.trace.Span;
import io.scanium.telemetry.ScaniumTelemetry;
import io.scanium.telemetry.http.contract.HttpServerContractTest;
import java.net.URI;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP-server contract on Spring WebFlux (Spring Framework 6.2, without Boot) on Reactor Netty, with the filter
 * declared as a bean exactly as the module's documentation shows.
 */
class WebFluxContractTest extends HttpServerContractTest {

  private AnnotationConfigApplicationContext context;
  private DisposableServer server;

  @Override
  protected URI startServer(ScaniumTelemetry telemetry) {
    context = new AnnotationConfigApplicationContext();
    context.registerBean(ScaniumTelemetry.class, () -> telemetry);
    context.register(Application.class);
    context.refresh();
    HttpHandler handler = WebHttpHandlerBuilder.applicationContext(context).build();
    server = HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
    return URI.create("http://127.0.0.1:" + server.port());
  }

  @Override
  protected void stopServer() {
    try {
      if (server != null) {
        server.disposeNow();
      }
    } finally {
      if (context != null) {
        context.close();
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebFlux
  static class Application {

    @Bean
    WebFilter scaniumTelemetryFilter(ScaniumTelemetry telemetry) {
      return ScaniumWebFluxTelemetry.create(telemetry).createWebFilter();
    }

    @Bean
    ContractController contractController() {
      return new ContractController();
    }
  }

  @RestController
  static class ContractController {

    @GetMapping("/contract/ok")
    Mono<String> ok() {
      // Answered from another thread: the span must still be current there.
      return Mono.just("ok").publishOn(Schedulers.parallel())
          .map(ignored -> Span.current().getSpanContext().getTraceId());
    }

    @GetMapping("/contract/client-error")
    ResponseEntity<String> clientError() {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("bad");
    }

    @GetMapping("/contract/server-error")
    ResponseEntity<String> serverError() {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("unavailable");
    }

    @GetMapping("/contract/exception")
    Mono<String> exception() {
      throw new IllegalStateException(FAILURE_MESSAGE);
    }

    @GetMapping("/contract/items/{id}")
    Mono<String> item(@PathVariable("id") String id) {
      return Mono.just(id);
    }
  }
}
