package io.scanium.telemetry.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanium.telemetry.ScaniumMetrics;
import io.scanium.telemetry.exposition.Exposition;
import io.scanium.telemetry.internal.config.Redact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the service's series are queryable where the dashboards query them: indexed, and answering instant
 * queries for its {@code service_name} (the field report in which every component was healthy and the panels
 * empty). When the service is not found, the targets that are down are named with their error: the wrong scrape
 * target is usually among them.
 */
final class PrometheusCheck {

  private final PrometheusApi api;
  private final String service;
  private final ScrapeCheck.Result scrape;

  private PrometheusCheck(PrometheusApi api, String service, ScrapeCheck.Result scrape) {
    this.api = api;
    this.service = service;
    this.scrape = scrape;
  }

  static List<Check> run(PrometheusApi api, String service, ScrapeCheck.Result scrape) {
    if (api == null) {
      return List.of(Check.skip("prometheus", "no query URL: give --prometheus-url (Prometheus, or Mimir's"
          + " http://<mimir>/prometheus) to check that the series are queryable there"));
    }
    if (service == null) {
      return List.of(Check.skip("prometheus", "no service name: give the service's OTEL_SERVICE_NAME"
          + " (environment or --set)"));
    }
    return new PrometheusCheck(api, service, scrape).run();
  }

  private List<Check> run() {
    List<Check> checks = new ArrayList<>();
    String info = ScaniumMetrics.TELEMETRY_INFO + "{service_name=\"" + escape(service) + "\"}";
    JsonNode infoSeries;
    try {
      infoSeries = api.query(info);
    } catch (PrometheusApi.ApiException e) {
      checks.add(Check.fail("prometheus", "cannot query " + api.shown() + ": " + e.getMessage(), "check"
          + " --prometheus-url (Prometheus' base URL; Mimir's ends in /prometheus) and, for Mimir, the tenant header"
          + " (--prometheus-header X-Scope-OrgID=...)."));
      return checks;
    }
    checks.add(up(infoSeries));
    checks.add(infoSeries.isEmpty()
        ? Check.fail("prometheus " + ScaniumMetrics.TELEMETRY_INFO, "no series " + info + " at " + api.shown(),
            "Prometheus does not scrape this service (see the up check), or scrapes it under another name: the"
                + " service is named by its OTEL_SERVICE_NAME.")
        : Check.pass("prometheus " + ScaniumMetrics.TELEMETRY_INFO, info + " answers " + infoSeries.size()
            + " series at " + api.shown()));
    checks.add(requests());
    return checks;
  }

  /** {@code up} of the targets that carry the service's info series; when there are none, the targets down. */
  private Check up(JsonNode infoSeries) {
    String name = "prometheus up";
    try {
      if (infoSeries.isEmpty()) {
        List<String> down = downTargets();
        String expected = scrape == null || scrape.url() == null ? ""
            : scrape.check().status() == Check.Status.PASS ? " From here the scrape endpoint answers at "
                + Redact.url(scrape.url()) + "; Prometheus must reach it at an address of its own network."
            : " The scrape endpoint given here, " + Redact.url(scrape.url()) + ", does not answer either.";
        return Check.fail(name, "no scrape target of service_name=\"" + service + "\" at " + api.shown()
            + (down.isEmpty() ? "; no target is down" : "; targets down: " + String.join("; ", down)),
            (down.isEmpty() ? "add a scrape job for the service's scrape endpoint"
                : "mend the target that should be this service (host name, port, network)") + "." + expected);
      }
      List<String> bad = new ArrayList<>();
      List<String> good = new ArrayList<>();
      for (JsonNode s : infoSeries) {
        String job = s.path("metric").path("job").asText();
        String instance = s.path("metric").path("instance").asText();
        String selector = "up{job=\"" + escape(job) + "\",instance=\"" + escape(instance) + "\"}";
        JsonNode up = api.query(selector);
        String value = up.isEmpty() ? "absent" : up.get(0).path("value").path(1).asText();
        (value.equals("1") ? good : bad).add(selector + " = " + value);
      }
      return bad.isEmpty() ? Check.pass(name, String.join(", ", good))
          : Check.fail(name, String.join(", ", bad), "Prometheus fails to scrape the target now: see its targets"
              + " page for the error; the scrape endpoint must be reachable from Prometheus.");
    } catch (PrometheusApi.ApiException e) {
      return Check.fail(name, e.getMessage(), "check --prometheus-url.");
    }
  }

  /** The targets that are down, each as {@code job instance (scrape URL): last error}. */
  private List<String> downTargets() throws PrometheusApi.ApiException {
    List<String> down = new ArrayList<>();
    JsonNode targets;
    try {
      targets = api.activeTargets();
    } catch (PrometheusApi.ApiException e) {
      // Mimir keeps no targets: the series up == 0 name them without the error.
      for (JsonNode s : api.query("up == 0")) {
        down.add("job=" + s.path("metric").path("job").asText() + " instance="
            + s.path("metric").path("instance").asText());
      }
      return down;
    }
    for (JsonNode t : targets) {
      if (!"up".equals(t.path("health").asText())) {
        down.add("job=" + t.path("labels").path("job").asText() + " " + Redact.url(t.path("scrapeUrl").asText())
            + " (" + t.path("health").asText() + ": " + Redact.url(t.path("lastError").asText()) + ")");
      }
    }
    return down;
  }

  private Check requests() {
    String name = "prometheus " + ScaniumMetrics.HTTP_REQUESTS_TOTAL;
    String selector = ScaniumMetrics.HTTP_REQUESTS_TOTAL + "{service_name=\"" + escape(service) + "\"}";
    Exposition scraped = scrape == null ? null : scrape.exposition();
    int inScrape = scraped == null ? -1 : scraped.series(ScaniumMetrics.HTTP_REQUESTS_TOTAL, Map.of()).size();
    JsonNode result;
    try {
      result = api.query(selector);
    } catch (PrometheusApi.ApiException e) {
      return Check.fail(name, e.getMessage(), "check --prometheus-url.");
    }
    if (!result.isEmpty()) {
      return Check.pass(name, selector + " answers " + result.size() + " series at " + api.shown());
    }
    if (inScrape == 0) {
      return Check.skip(name, "the service has served no request yet, so there is no " + selector
          + " to query: send it one and run the doctor again");
    }
    return Check.fail(name, "no series " + selector + " at " + api.shown() + (inScrape > 0 ? " although the"
        + " scrape carries " + inScrape : ""), "the series do not reach this query endpoint: check that this service"
        + " is scraped (the up check), the remote_write or Alloy pipeline to Mimir and its tenant, and that no"
        + " relabelling drops or renames service_name.");
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
