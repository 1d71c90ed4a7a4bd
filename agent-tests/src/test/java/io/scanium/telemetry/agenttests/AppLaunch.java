package io.scanium.telemetry.agenttests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one test application in a child JVM: the {@code java} arguments after the JVM options, and the
 * variables it needs whatever the test (the Spring Boot application's address and port). Where the build put the
 * applications and the agent comes from the system properties the module's pom sets.
 *
 * @param name for messages
 * @param arguments {@code -cp <path> <main>} or {@code -jar <jar>}
 * @param environment variables of the application itself, not of the telemetry
 */
record AppLaunch(String name, List<String> arguments, Map<String, String> environment) {

  /** One of the module's own applications, on its runtime class path only (written by the build). */
  static AppLaunch main(Class<?> mainClass) {
    return new AppLaunch(mainClass.getSimpleName(), List.of("-cp", appsClasspath(), mainClass.getName()), Map.of());
  }

  /** The repackaged Spring Boot 3 MVC application on Tomcat of spring-boot-tests, as {@code java -jar} runs it. */
  static AppLaunch springBoot() {
    Path jar = Path.of(property("scanium.boot.app.jar"));
    assertThat(Files.isRegularFile(jar)).as("application jar %s (built by the reactor before these tests)", jar)
        .isTrue();
    return new AppLaunch("boot3-mvc-tomcat", List.of("-jar", jar.toString()),
        Map.of("SERVER_ADDRESS", "127.0.0.1", "SERVER_PORT", "0"));
  }

  /** The agent jar, copied from Maven Central by the build. */
  static Path agentJar() {
    Path jar = Path.of(property("scanium.agent.jar"));
    assertThat(Files.isRegularFile(jar)).as("OpenTelemetry Java agent %s (copied by the build)", jar).isTrue();
    return jar;
  }

  /** The version of that agent, as pinned in the root pom. */
  static String agentVersion() {
    return property("scanium.agent.version");
  }

  private static String appsClasspath() {
    try {
      String dependencies = Files.readString(Path.of(property("scanium.apps.classpath.file"))).trim();
      return property("scanium.apps.classes") + java.io.File.pathSeparator + dependencies;
    } catch (IOException e) {
      throw new UncheckedIOException("the applications' class path, written by the build", e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by the module's surefire configuration)", name).isNotBlank();
    return value;
  }
}
