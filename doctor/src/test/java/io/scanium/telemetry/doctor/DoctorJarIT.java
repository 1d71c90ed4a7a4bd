package io.scanium.telemetry.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.testsupport.ChildJvm;
import io.scanium.telemetry.testsupport.FreePort;
import io.scanium.telemetry.testsupport.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published runnable jar, run as the README says: {@code java -jar ...-all.jar doctor}. */
class DoctorJarIT {

  @Test
  void theJarPassesAHealthyDeploymentAndFailsAWrongScrapeUrl(@TempDir Path tmp) throws Exception {
    Path jar = Path.of(System.getProperty("doctor.jar"));
    assertThat(Files.isRegularFile(jar)).as("the shaded jar " + jar).isTrue();
    try (DeployedService deployed = DeployedService.start(PrometheusServer.require(), tmp)) {
      List<String> args = new ArrayList<>(List.of("-jar", jar.toString()));
      args.addAll(deployed.arguments());
      try (ChildJvm doctor = ChildJvm.startJava(args, deployed.environment)) {
        String summary = summary(doctor);
        assertThat(summary).as("summary; output:\n" + doctor.output()).isEqualTo("Result: PASS (7 passed)");
        assertThat(doctor.waitFor(Duration.ofSeconds(30))).as("doctor exited").isTrue();
        assertThat(doctor.exitValue()).as("exit status; output:\n" + doctor.output()).isZero();
      }

      String dead = "http://127.0.0.1:" + FreePort.pick() + "/metrics";
      try (ChildJvm doctor = ChildJvm.startJava(List.of("-jar", jar.toString(), "doctor", "--scrape-url", dead),
          deployed.environment)) {
        String summary = summary(doctor);
        assertThat(summary).as("summary; output:\n" + doctor.output()).startsWith("Result: FAIL");
        assertThat(doctor.output()).as("doctor output").contains("FAIL scrape: connection to " + dead + " refused");
        assertThat(doctor.waitFor(Duration.ofSeconds(30))).as("doctor exited").isTrue();
        assertThat(doctor.exitValue()).as("exit status; output:\n" + doctor.output()).isEqualTo(Doctor.FAILED);
      }
    }
  }

  private static String summary(ChildJvm doctor) throws InterruptedException {
    return doctor.await("summary line", line -> line.startsWith("Result: ") ? Optional.of(line)
        : Optional.empty(), Duration.ofSeconds(60));
  }
}
