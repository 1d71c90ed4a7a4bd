package io.scanium.telemetry.examples.proof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a Prometheus text exposition: its samples, with labels, in the order served. */
final class Exposition {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A sample line: metric name, labels sorted by name, value. */
  record Sample(String name, Map<String, String> labels, double value) {
    String label(String key) {
      return labels.get(key);
    }
  }

  private final List<Sample> samples;

  private Exposition(List<Sample> samples) {
    this.samples = samples;
  }

  /** Fetches and parses the exposition; throws with a plain message when the endpoint cannot be read. */
  static Exposition scrape(HttpClient client, URI url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10))
        // The classic text format: what every scraper understands, and what this parser reads.
        .header("Accept", "text/plain; version=0.0.4")
        .GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    return parse(response.body());
  }

  static Exposition parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int exemplar = trimmed.indexOf(" # ");
      if (exemplar > 0) {
        trimmed = trimmed.substring(0, exemplar).trim();
      }
      Matcher m = SAMPLE.matcher(trimmed);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), unescape(l.group(2)));
        }
      }
      out.add(new Sample(m.group(1), Collections.unmodifiableMap(labels), value(m.group(3))));
    }
    return new Exposition(List.copyOf(out));
  }

  List<Sample> samples() {
    return samples;
  }

  List<Sample> named(String name) {
    return select(s -> s.name().equals(name));
  }

  List<Sample> select(Predicate<Sample> filter) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (filter.test(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The value of the sample with exactly this name and these label values among its labels; 0 when absent. */
  double value(String name, Map<String, String> labels) {
    double sum = 0;
    for (Sample s : named(name)) {
      if (s.labels().entrySet().containsAll(labels.entrySet())) {
        sum += s.value();
      }
    }
    return sum;
  }

  boolean has(String name) {
    return !named(name).isEmpty();
  }

  private static double value(String v) {
    switch (v) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
    }
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
