package com.example.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot WebFlux application as a user writes it: nothing in it mentions telemetry. Built twice by the
 * reactor, against Spring Boot 3.5 and 4.0, with {@code scanium-telemetry-spring-webflux} as its only addition.
 */
@SpringBootApplication
public class WebFluxApp {

  /** Starts the application; configuration comes from environment variables only. */
  public static void main(String[] args) {
    SpringApplication.run(WebFluxApp.class, args);
  }
}
