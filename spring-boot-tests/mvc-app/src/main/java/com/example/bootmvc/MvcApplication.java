package com.example.bootmvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A Spring MVC application as a user writes it, in a package of its own (the library never exports the logs of its
 * own packages): nothing in it mentions telemetry; the starter on its classpath and the environment variables do
 * everything. Prints {@code SCANIUM-APP READY port=<port>} once it serves, so the tests that start it know where.
 */
@SpringBootApplication
public class MvcApplication {

  public static void main(String[] args) {
    SpringApplication.run(MvcApplication.class, args);
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    System.out.println("SCANIUM-APP READY port=" + event.getApplicationContext().getEnvironment()
        .getProperty("local.server.port"));
    System.out.flush();
  }
}
