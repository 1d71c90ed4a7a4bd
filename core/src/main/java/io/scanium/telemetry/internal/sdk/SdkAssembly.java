package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.internal.AutoConfigureUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.scanium.telemetry.Problem;
import io.scanium.telemetry.TelemetryConfigurationException;
import io.scanium.telemetry.internal.config.ConfigValidator;
import io.scanium.telemetry.internal.config.ResolvedConfig;
import io.scanium.telemetry.internal.config.Signal;
import io.scanium.telemetry.internal.health.DroppedItemsReader;
import io.scanium.telemetry.internal.health.ExportHealth;
import io.scanium.telemetry.internal.health.HealthLogRecordExporter;
import io.scanium.telemetry.internal.health.HealthMetricExporter;
import io.scanium.telemetry.internal.health.HealthSpanExporter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the OpenTelemetry SDK through autoconfigure, which it reaches partly through autoconfigure's internal
 * classes: they live here, apart from the public entry point.
 */
public final class SdkAssembly {

  private static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");

  private SdkAssembly() {}

  /**
   * The SDK from the validated configuration: autoconfigure sees exactly the validated properties (never the process
   * environment), every exporter is wrapped for export health, and processors added in code join the exporters.
   * Every metric reader autoconfigure builds from {@code OTEL_METRICS_EXPORTER} also reads {@code registry}, so that
   * the pushed metrics are the scraped ones.
   *
   * @throws TelemetryConfigurationException when autoconfigure still rejects the configuration
   */
  public static OpenTelemetrySdk build(ResolvedConfig config, List<SpanProcessor> spanProcessors,
      List<LogRecordProcessor> logRecordProcessors, ExportHealth health, DroppedItemsReader droppedItems,
      PrometheusRegistry registry, String version) {
    Map<String, String> properties = config.openTelemetryProperties();
    // The resource as autoconfigure completed it, for the registry's metrics, which no SDK instrument carries.
    AtomicReference<Resource> resource = new AtomicReference<>(Resource.getDefault());
    AutoConfiguredOpenTelemetrySdkBuilder auto = AutoConfiguredOpenTelemetrySdk.builder()
        .disableShutdownHook()
        .addSpanExporterCustomizer((exporter, cfg) -> new HealthSpanExporter(exporter, health))
        .addLogRecordExporterCustomizer((exporter, cfg) -> new HealthLogRecordExporter(exporter, health))
        .addMetricExporterCustomizer((exporter, cfg) -> new HealthMetricExporter(exporter, health))
        .addMetricReaderCustomizer((reader, cfg) -> new RegistryPushReader(reader, registry, resource::get, version,
            health))
        .addMeterProviderCustomizer((meters, cfg) -> meters.registerMetricReader(droppedItems))
        .addResourceCustomizer((r, cfg) -> {
          resource.set(withInstanceId(withEnvironmentName(r, config), config));
          return resource.get();
        })
        .addTracerProviderCustomizer((tracers, cfg) -> {
          spanProcessors.forEach(tracers::addSpanProcessor);
          return tracers;
        })
        .addLoggerProviderCustomizer((loggers, cfg) -> {
          logRecordProcessors.forEach(loggers::addLogRecordProcessor);
          return loggers;
        });
    try {
      DeferredOtlpExporters.install(auto);
    } catch (LinkageError e) {
      // An SDK without the internal loader API it builds on: the exporters are built at install, as the SDK does.
    }
    // Autoconfigure would otherwise also read the process environment: what we validated must be all it sees.
    AutoConfigureUtil.setConfigPropertiesCustomizer(auto, ignored -> DefaultConfigProperties.createFromMap(properties));
    try {
      return auto.build().getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      throw new TelemetryConfigurationException(List.of(new Problem("OTEL_*", "(see message)",
          "OpenTelemetry's autoconfigure rejected the configuration: " + e.getMessage(),
          "correct the variable the message names; see https://opentelemetry.io/docs/languages/java/configuration/")));
    }
  }

  /**
   * A process that pushes its metrics gets a {@code service.instance.id} (a random UUID, as the semantic conventions
   * recommend) unless one is configured: the receivers make it the {@code instance} label, which is what keeps the
   * replicas of one service apart, as the scrape target's address does for scraped series; without it every replica
   * would write the same series.
   */
  private static Resource withInstanceId(Resource resource, ResolvedConfig config) {
    if (!config.signals().get(Signal.METRICS).exported() || resource.getAttribute(SERVICE_INSTANCE_ID) != null) {
      return resource;
    }
    return resource.toBuilder().put(SERVICE_INSTANCE_ID, UUID.randomUUID().toString()).build();
  }

  /** Both spellings of the environment end up on the resource, so every backend finds the one it looks for. */
  private static Resource withEnvironmentName(Resource resource, ResolvedConfig config) {
    if (ConfigValidator.UNKNOWN_ENVIRONMENT.equals(config.deploymentEnvironment())
        && config.deploymentEnvironmentOrigin().equals("not set")) {
      return resource;
    }
    return resource.toBuilder()
        .put("deployment.environment.name", config.deploymentEnvironment())
        .build();
  }
}
