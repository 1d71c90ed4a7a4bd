package io.scanium.telemetry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.receiver.ReceivedSpan;
import io.scanium.telemetry.testsupport.Scrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HostileRequests} against a real service, half of them while its collector is down and half once it is
 * back: no request fails on the library's account, the live heap stays bounded, the series stay few and carry no
 * raw request value, span names are templates, every span and record is accounted for, and the planted secret
 * appears nowhere: not on stderr, not in the scrape, not in what the collector received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostileInputTest {

  static final int REQUESTS = Integer.getInteger("faults.hostile", 10_000);
  static final int MAX_SERIES = 64;
  static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
      "PATCH", "_OTHER");
  static final Set<String> ROUTES = Set.of("/v1/items/{id}", "__unmatched__", "__overflow__");
  static final Pattern SPAN_NAME = Pattern.compile(
      "(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH|HTTP)( /v1/items/\\{id\\})?");

  private final FaultReport report = new FaultReport("hostile");
  private FakeCollector collector;
  private FaultChild child;

  @BeforeAll
  void start() throws Exception {
    collector = new FakeCollector(Secrets.PLANTED);
    child = FaultChild.start("hostile", collector.endpoint(), Map.of());
  }

  @AfterAll
  void stop() {
    if (child != null) {
      child.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void hostileRequestsDuringAnOutageAndAfterIt() throws Exception {
    collector.down();
    LoadClient.Result outage = LoadClient.run(child.port, FaultSuiteTest.THREADS, 0, REQUESTS / 2,
        HostileRequests::request, status -> status < 500);
    double heapMb = child.state(true).heapBytes() / 1048576.0;
    collector.up();
    LoadClient.Result back = LoadClient.run(child.port, FaultSuiteTest.THREADS, REQUESTS / 2, REQUESTS - REQUESTS / 2,
        HostileRequests::request, status -> status < 500);
    assertThat(child.awaitAccounted(FaultSuiteTest.SETTLE_LIMIT)).as("every span and log record accounted for")
        .isEmpty();
    FaultChild.State produced = child.state(false);

    Scrape scrape = child.scrape();
    List<String> series = new ArrayList<>(scrape.series(ScaniumMetrics.HTTP_REQUESTS_TOTAL, Map.of()).keySet());
    List<String> spanNames = collector.receiver().spans().stream().map(ReceivedSpan::name).distinct().toList();
    report.note("hostile requests", REQUESTS + " (" + outage.errors() + "+" + back.errors() + " errors)");
    report.note("hostile live heap MB (collector down)", String.format(java.util.Locale.ROOT, "%.1f", heapMb));
    report.note("hostile series of " + ScaniumMetrics.HTTP_REQUESTS_TOTAL, series.size());
    report.note("hostile distinct span names", spanNames);
    report.note("hostile spans produced=exported+failed+dropped", produced.spans() + "="
        + FaultChild.counter(scrape, ScaniumMetrics.TELEMETRY_EXPORTED_TOTAL, "traces") + "+"
        + FaultChild.counter(scrape, ScaniumMetrics.TELEMETRY_EXPORT_FAILED_TOTAL, "traces") + "+"
        + FaultChild.counter(scrape, ScaniumMetrics.TELEMETRY_DROPPED_TOTAL, "traces"));
    report.note("hostile stderr lines", child.outputLines());
    report.write();
    System.out.println("Hostile input:\n" + report.table());

    assertThat(outage.errors() + back.errors()).as("hostile requests answered 5xx or not at all: %s %s",
        outage.someErrors(), back.someErrors()).isZero();
    assertThat(heapMb).as("live heap (MB) after %d hostile requests with the collector down", REQUESTS / 2)
        .isLessThanOrEqualTo(FaultSuiteTest.HEAP_LIMIT_MB);
    assertThat(series).as("series of %s", ScaniumMetrics.HTTP_REQUESTS_TOTAL).hasSizeLessThanOrEqualTo(MAX_SERIES);
    for (String key : scrape.withPrefix("scanium_http_").keySet()) {
      Map<String, String> labels = Scrape.labelsOf(key);
      assertThat(labels.getOrDefault(ScaniumMetrics.LABEL_METHOD, "GET")).as("label method of %s", key)
          .isIn(METHODS);
      assertThat(labels.getOrDefault(ScaniumMetrics.LABEL_ROUTE, "/v1/items/{id}")).as("label route of %s", key)
          .isIn(ROUTES);
      assertThat(labels.getOrDefault(ScaniumMetrics.LABEL_STATUS_CODE, "200")).as("label status_code of %s", key)
          .matches("[1-5][0-9][0-9]");
    }
    assertThat(spanNames).as("span names").allMatch(name -> SPAN_NAME.matcher(name).matches());
    assertThat(collector.receiver().spans()).as("url.path of every span is bounded (2048 characters)")
        .allMatch(s -> s.attribute("url.path") == null || s.attribute("url.path").length() <= 2048);
    List<String> leaks = new ArrayList<>(collector.leaks());
    leaks.addAll(Secrets.findIn("stderr", child.output(), Secrets.PLANTED));
    leaks.addAll(Secrets.findIn("scrape", scrape.text(), Secrets.PLANTED));
    assertThat(leaks).as("the planted secret in any output").isEmpty();
  }
}
