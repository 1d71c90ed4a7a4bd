package io.scanium.telemetry.spring.webflux;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Refuses a stack this module cannot serve when the filter is created, instead of failing on every request: the
 * filter uses Spring Framework 6 API ({@code HttpStatusCode}) and Reactor's hooks.
 */
final class StackCheck {

  private StackCheck() {}

  /** Throws {@link IllegalStateException} naming what was found and what is needed, if the stack is wrong. */
  static void verify() {
    ClassLoader loader = StackCheck.class.getClassLoader();
    problem(name -> present(name, loader), springVersion()).ifPresent(message -> {
      throw new IllegalStateException(message);
    });
  }

  static Optional<String> problem(Predicate<String> present, String springVersion) {
    if (!present.test("reactor.core.publisher.Hooks")) {
      return Optional.of("scanium-telemetry-spring-webflux needs Project Reactor (reactor-core 3.5 or later), which"
          + " is not on the class path; for Spring MVC or plain servlets use scanium-telemetry-servlet.");
    }
    if (!present.test("org.springframework.web.server.WebFilter")) {
      return Optional.of("scanium-telemetry-spring-webflux needs Spring WebFlux (spring-webflux 6.2 or 7), which is"
          + " not on the class path; for Spring MVC or plain servlets use scanium-telemetry-servlet.");
    }
    if (!present.test("org.springframework.http.HttpStatusCode")) {
      return Optional.of("scanium-telemetry-spring-webflux needs Spring Framework 6.2 or 7 (Spring Boot 3.5 or 4.0);"
          + " found Spring Framework " + (springVersion == null ? "(version unknown)" : springVersion)
          + ". Upgrade Spring, or instrument requests through the generic API of scanium-telemetry-core.");
    }
    return Optional.empty();
  }

  private static String springVersion() {
    try {
      return org.springframework.core.SpringVersion.getVersion();
    } catch (LinkageError e) {
      return null;
    }
  }

  static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
