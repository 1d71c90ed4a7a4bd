package io.scanium.telemetry.internal.sdk;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.internal.OtlpConfigUtil;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.internal.AutoConfigureUtil;
import io.opentelemetry.sdk.autoconfigure.internal.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.internal.SpiHelper;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.AutoConfigureListener;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands autoconfigure OTLP/HTTP span and log exporter providers that configure the exporter exactly as the SDK's own
 * do ({@link OtlpConfigUtil}, so every {@code OTEL_EXPORTER_OTLP_*} setting is read, and rejected, by the SDK at
 * install as before) but build it at its first export ({@link DeferredBuild}).
 *
 * <p>Exporters with TLS material of their own (a certificate or client key setting) are built at install, so that a
 * bad file still refuses the start. Anything else (gRPC, another exporter named {@code otlp} than the SDK's, an SDK
 * whose internal API differs from the one this was written against) goes to the SDK's provider unchanged: with the
 * SDK 1.55 that Spring Boot 4 manages, for one, whose {@code OtlpConfigUtil} takes another argument and whose
 * {@code AutoConfigureUtil} no longer sets a loader, the exporters are built at install as before (the boot4 tests
 * run that way).
 */
final class DeferredOtlpExporters implements ComponentLoader {

  private static final String SDK_PROVIDERS = "io.opentelemetry.exporter.otlp.internal.";

  private final ComponentLoader services;

  private DeferredOtlpExporters(ComponentLoader services) {
    this.services = services;
  }

  /** Makes {@code auto} load its SPI implementations through this loader; leaves it alone if it cannot. */
  static void install(AutoConfiguredOpenTelemetrySdkBuilder auto) {
    try {
      AutoConfigureUtil.setComponentLoader(auto, new DeferredOtlpExporters(
          SpiHelper.serviceComponentLoader(AutoConfiguredOpenTelemetrySdk.class.getClassLoader())));
    } catch (LinkageError e) {
      // Another SDK version than the one this was written against: its exporters are built at install, as always.
    }
  }

  @Override
  public <T> Iterable<T> load(Class<T> type) {
    Iterable<T> found = services.load(type);
    if (type != ConfigurableSpanExporterProvider.class && type != ConfigurableLogRecordExporterProvider.class) {
      return found;
    }
    List<T> providers = new ArrayList<>();
    for (T provider : found) {
      providers.add(type.cast(deferring(provider)));
    }
    return providers;
  }

  private static Object deferring(Object provider) {
    if (!provider.getClass().getName().startsWith(SDK_PROVIDERS)) {
      return provider;
    }
    if (provider instanceof ConfigurableSpanExporterProvider
        && "otlp".equals(((ConfigurableSpanExporterProvider) provider).getName())) {
      return new Spans((ConfigurableSpanExporterProvider) provider);
    }
    if (provider instanceof ConfigurableLogRecordExporterProvider
        && "otlp".equals(((ConfigurableLogRecordExporterProvider) provider).getName())) {
      return new Logs((ConfigurableLogRecordExporterProvider) provider);
    }
    return provider;
  }

  /**
   * What configuring a builder showed: whether it has TLS material of its own. (A TLS context trusting nothing cannot
   * spare an {@code http://} exporter's client the JDK's trust store: the SDK hands the sender no context for a
   * plain-http endpoint, and the JDK's client then builds its default one.)
   */
  private static final class Setup {
    private boolean ownTls;

    static boolean httpProtobuf(String signal, ConfigProperties config) {
      return OtlpConfigUtil.PROTOCOL_HTTP_PROTOBUF.equals(OtlpConfigUtil.getOtlpProtocol(signal, config));
    }

    Consumer<byte[]> trust(Consumer<byte[]> set) {
      return pem -> {
        ownTls = true;
        set.accept(pem);
      };
    }

    BiConsumer<byte[], byte[]> clientTls(BiConsumer<byte[], byte[]> set) {
      return (key, chain) -> {
        ownTls = true;
        set.accept(key, chain);
      };
    }
  }

  /**
   * What the SDK's provider does for OTLP/HTTP, with the build deferred; everything else to the SDK's provider.
   *
   * @param <B> the exporter's builder
   * @param <E> the exporter
   */
  private abstract static class Deferring<B, E> implements AutoConfigureListener {
    final AtomicReference<MeterProvider> meters = new AtomicReference<>(MeterProvider.noop());
    private final String signal;
    private final Object sdk;

    Deferring(String signal, Object sdk) {
      this.signal = signal;
      this.sdk = sdk;
    }

    /** The SDK provider's exporter. */
    abstract E fromSdk(ConfigProperties config);

    /** A builder configured by {@link OtlpConfigUtil}, its choices recorded in {@code setup}. */
    abstract B configure(ConfigProperties config, Setup setup);

    abstract E build(B builder);

    abstract E deferred(Supplier<E> build);

    final E create(ConfigProperties config) {
      try {
        if (!Setup.httpProtobuf(signal, config)) {
          return fromSdk(config);
        }
        Setup setup = new Setup();
        B builder = configure(config, setup);
        if (setup.ownTls) {
          return build(builder);
        }
        return deferred(() -> build(builder));
      } catch (LinkageError e) {
        return fromSdk(config);
      }
    }

    @Override
    public void afterAutoConfigure(OpenTelemetrySdk built) {
      meters.set(built.getMeterProvider());
      if (sdk instanceof AutoConfigureListener) {
        ((AutoConfigureListener) sdk).afterAutoConfigure(built);
      }
    }
  }

  private static final class Spans extends Deferring<OtlpHttpSpanExporterBuilder, SpanExporter>
      implements ConfigurableSpanExporterProvider {
    private final ConfigurableSpanExporterProvider sdk;

    Spans(ConfigurableSpanExporterProvider sdk) {
      super(OtlpConfigUtil.DATA_TYPE_TRACES, sdk);
      this.sdk = sdk;
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      return create(config);
    }

    @Override
    public String getName() {
      return sdk.getName();
    }

    @Override
    SpanExporter fromSdk(ConfigProperties config) {
      return sdk.createExporter(config);
    }

    @Override
    OtlpHttpSpanExporterBuilder configure(ConfigProperties config, Setup s) {
      OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder();
      OtlpConfigUtil.configureOtlpExporterBuilder(OtlpConfigUtil.DATA_TYPE_TRACES, config, b::setEndpoint,
          b::addHeader, b::setCompression, b::setTimeout, s.trust(b::setTrustedCertificates),
          s.clientTls(b::setClientTls), b::setRetryPolicy, b::setMemoryMode);
      return b.setMeterProvider(meters::get);
    }

    @Override
    SpanExporter build(OtlpHttpSpanExporterBuilder builder) {
      return builder.build();
    }

    @Override
    SpanExporter deferred(Supplier<SpanExporter> build) {
      return new DeferredSpanExporter(build);
    }
  }

  private static final class Logs extends Deferring<OtlpHttpLogRecordExporterBuilder, LogRecordExporter>
      implements ConfigurableLogRecordExporterProvider {
    private final ConfigurableLogRecordExporterProvider sdk;

    Logs(ConfigurableLogRecordExporterProvider sdk) {
      super(OtlpConfigUtil.DATA_TYPE_LOGS, sdk);
      this.sdk = sdk;
    }

    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      return create(config);
    }

    @Override
    public String getName() {
      return sdk.getName();
    }

    @Override
    LogRecordExporter fromSdk(ConfigProperties config) {
      return sdk.createExporter(config);
    }

    @Override
    OtlpHttpLogRecordExporterBuilder configure(ConfigProperties config, Setup s) {
      OtlpHttpLogRecordExporterBuilder b = OtlpHttpLogRecordExporter.builder();
      OtlpConfigUtil.configureOtlpExporterBuilder(OtlpConfigUtil.DATA_TYPE_LOGS, config, b::setEndpoint,
          b::addHeader, b::setCompression, b::setTimeout, s.trust(b::setTrustedCertificates),
          s.clientTls(b::setClientTls), b::setRetryPolicy, b::setMemoryMode);
      return b.setMeterProvider(meters::get);
    }

    @Override
    LogRecordExporter build(OtlpHttpLogRecordExporterBuilder builder) {
      return builder.build();
    }

    @Override
    LogRecordExporter deferred(Supplier<LogRecordExporter> build) {
      return new DeferredLogRecordExporter(build);
    }
  }
}
