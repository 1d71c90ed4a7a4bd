package com.example.webflux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** A functional endpoint: its route comes from the router function's pattern. */
@Configuration(proxyBeanMethods = false)
public class FunctionalRoutes {

  @Bean
  public RouterFunction<ServerResponse> greetingRoute() {
    return RouterFunctions.route()
        .GET("/functional/{name}", request -> ServerResponse.ok().bodyValue("hello " + request.pathVariable("name")))
        .build();
  }
}
