package io.scanium.telemetry.doctor;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.health.StartupProbe;
import io.scanium.telemetry.internal.health.StartupProbes;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks each signal's collector endpoint whether it takes the signal: the library's own startup probe, on the URLs
 * and headers the library computes from the same configuration, so the doctor asks exactly where the service sends.
 */
final class CollectorCheck {

  private CollectorCheck() {}

  static List<Check> run(ResolvedConfig config) {
    List<Check> checks = new ArrayList<>();
    if (config == null) {
      checks.add(Check.skip("collector", "the configuration is not valid (see above), so the endpoints are unknown"));
      return checks;
    }
    if (!StartupProbes.anyOtlp(config)) {
      checks.add(Check.skip("collector", "no signal is exported over OTLP with this configuration"));
      return checks;
    }
    // The probe's series are the service's business; here they go to a registry nobody reads.
    for (StartupProbe.Result r : StartupProbes.register(new PrometheusRegistry()).probe(config, StartupProbe.DNS)) {
      String name = "collector " + r.signal().id();
      String detail = r.url() + ": " + r.outcome().name().replace('_', ' ') + " (" + r.detail() + ")";
      checks.add(r.outcome() == StartupProbe.Outcome.READY ? Check.pass(name, detail)
          : Check.fail(name, detail, r.outcome().fix()));
    }
    return checks;
  }
}
