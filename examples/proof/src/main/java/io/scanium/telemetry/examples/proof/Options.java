package io.scanium.telemetry.examples.proof;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The proof's command line. */
record Options(
    String example,
    Path jar,
    String otlpEndpoint,
    URI serviceUrl,
    URI scrapeUrl,
    int port,
    int metricsPort,
    String host,
    String serviceName,
    String environment,
    int rounds,
    Duration timeout,
    int holdSeconds,
    boolean help) {

  static final List<String> EXAMPLES = List.of("plain-jdk", "servlet-jetty", "vertx-web");

  /**
   * The usage text. It lives in a resource, not here, because {@code examples/demo.sh} prints the same file for
   * {@code --help} before anything is built: one text, never two that drift apart.
   */
  static final String USAGE = usage();

  static Options parse(String[] args) {
    String example = "plain-jdk";
    Path jar = null;
    String otlp = null;
    URI service = null;
    URI scrape = null;
    int port = 0;
    int metricsPort = 0;
    String host = "127.0.0.1";
    String serviceName = "scanium-example";
    String environment = "demo";
    int rounds = 3;
    int timeout = 30;
    int hold = 0;
    boolean help = false;
    List<String> list = new ArrayList<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        list.add(a.substring(0, eq));
        list.add(a.substring(eq + 1));
      } else {
        list.add(a);
      }
    }
    for (int i = 0; i < list.size(); i++) {
      String a = list.get(i);
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
        continue;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      if (i + 1 >= list.size()) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = list.get(++i);
      switch (a) {
        case "--example" -> {
          if (!EXAMPLES.contains(v)) {
            throw new IllegalArgumentException("--example must be one of " + EXAMPLES + ", was '" + v + "'");
          }
          example = v;
        }
        case "--jar" -> jar = Path.of(v);
        case "--otlp-endpoint" -> otlp = url(a, v).toString();
        case "--service-url" -> service = url(a, v);
        case "--scrape-url" -> scrape = url(a, v);
        case "--port" -> port = number(a, v, 1, 65535);
        case "--metrics-port" -> metricsPort = number(a, v, 1, 65535);
        case "--host" -> host = v;
        case "--service-name" -> serviceName = v;
        case "--environment" -> environment = v;
        case "--rounds" -> rounds = number(a, v, 1, 1000);
        case "--timeout" -> timeout = number(a, v, 1, 3600);
        case "--hold" -> hold = number(a, v, 0, 86400);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (service != null && scrape == null) {
      scrape = URI.create(service.getScheme() + "://" + service.getHost() + ":9464/metrics");
    }
    if (service == null && scrape != null) {
      throw new IllegalArgumentException("--scrape-url is for a running service: give --service-url too");
    }
    return new Options(example, jar, otlp, service, scrape, port, metricsPort, host, serviceName, environment,
        rounds, Duration.ofSeconds(timeout), hold, help);
  }

  /** Whether the proof starts the service itself (else it only sends traffic to a running one). */
  boolean startsService() {
    return serviceUrl == null;
  }

  /** Whether traces and logs go to the in-process receiver, where they can be read back one by one. */
  boolean inProcessReceiver() {
    return startsService() && otlpEndpoint == null;
  }

  /** The jar of the example, or the reason it cannot be found. */
  Path resolveJar(Path codeLocation) {
    if (jar != null) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("--jar " + jar + ": no such file");
      }
      return jar.toAbsolutePath();
    }
    String relative = example + "/target/" + example + ".jar";
    List<Path> candidates = new ArrayList<>();
    if (codeLocation != null) {
      // examples/proof/target/proof.jar, or examples/proof/target/classes when run from the build.
      Path examples = codeLocation.toAbsolutePath().getParent();
      for (int up = 0; up < 2 && examples != null; up++) {
        examples = examples.getParent();
      }
      if (examples != null) {
        candidates.add(examples.resolve(relative));
      }
    }
    Path cwd = Path.of("").toAbsolutePath();
    candidates.add(cwd.resolve("examples").resolve(relative));
    candidates.add(cwd.resolve(relative));
    if (cwd.getParent() != null) {
      candidates.add(cwd.getParent().resolve(relative));
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return c.normalize();
      }
    }
    throw new IllegalArgumentException("the " + example + " example is not built: none of " + candidates
        + " exists. Build it with: mvn -B install -DskipTests (at the repository root), or give --jar.");
  }

  private static String usage() {
    try (InputStream in = Options.class.getResourceAsStream("usage.txt")) {
      if (in == null) {
        throw new IllegalStateException("usage.txt is missing beside " + Options.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URI url(String option, String v) {
    try {
      URI u = URI.create(v);
      if (u.getScheme() == null || u.getHost() == null
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new IllegalArgumentException(option + " must be an http(s) URL with a host, was '" + v + "'");
      }
      return u;
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(option)) {
        throw e;
      }
      throw new IllegalArgumentException(option + " is not a URL: '" + v + "'", e);
    }
  }

  private static int number(String option, String v, int min, int max) {
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, was '" + v + "'", e);
    }
  }
}
