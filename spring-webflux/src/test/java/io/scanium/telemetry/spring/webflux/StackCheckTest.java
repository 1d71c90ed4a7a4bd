package io.scanium.telemetry.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A wrong stack is refused with a message naming what was found and what to use. */
class StackCheckTest {

  private static final Set<String> SPRING_6 = Set.of("reactor.core.publisher.Hooks",
      "org.springframework.web.server.WebFilter", "org.springframework.http.HttpStatusCode");

  @Test
  void acceptsSpring6WithReactor() {
    assertThat(StackCheck.problem(SPRING_6::contains, "6.2.12")).isEmpty();
  }

  @Test
  void refusesSpring5NamingTheVersionFound() {
    Set<String> spring5 = Set.of("reactor.core.publisher.Hooks", "org.springframework.web.server.WebFilter");
    assertThat(StackCheck.problem(spring5::contains, "5.3.39")).hasValueSatisfying(m -> assertThat(m)
        .contains("found Spring Framework 5.3.39").contains("Spring Framework 6.2 or 7"));
  }

  @Test
  void refusesAServletStackNamingTheServletArtifact() {
    assertThat(StackCheck.problem(name -> false, "6.2.12")).hasValueSatisfying(m -> assertThat(m)
        .contains("Project Reactor").contains("scanium-telemetry-servlet"));
    Set<String> noWebFlux = Set.of("reactor.core.publisher.Hooks", "org.springframework.http.HttpStatusCode");
    assertThat(StackCheck.problem(noWebFlux::contains, "6.2.12")).hasValueSatisfying(m -> assertThat(m)
        .contains("Spring WebFlux").contains("scanium-telemetry-servlet"));
  }

  @Test
  void thisClassPathPasses() {
    StackCheck.verify();
    assertThat(StackCheck.present("org.springframework.http.HttpStatusCode", getClass().getClassLoader()))
        .as("HttpStatusCode on the test class path").isTrue();
  }
}
