package io.scanium.telemetry.vertx;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;

/**
 * Serves the registry on the application's own port, in the format the scraper asks for in {@code Accept}
 * (Prometheus text, OpenMetrics, or protobuf), written by the Prometheus library's own writers.
 *
 * <p>Collecting and writing run on a worker thread: a registry's callbacks (the application's gauges, the JVM
 * metrics) may take milliseconds, which an event loop must never spend.
 */
final class MetricsHandler implements Handler<RoutingContext> {

  private final PrometheusRegistry registry;
  private final ExpositionFormats formats;

  MetricsHandler(PrometheusRegistry registry) {
    this.registry = registry;
    this.formats = ExpositionFormats.init();
  }

  @Override
  public void handle(RoutingContext ctx) {
    ExpositionFormatWriter writer = formats.findWriter(ctx.request().getHeader(HttpHeaders.ACCEPT));
    boolean head = ctx.request().method() == HttpMethod.HEAD;
    ctx.vertx().executeBlocking(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
      writer.write(out, registry.scrape());
      return Buffer.buffer(out.toByteArray());
    }, false).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(500, result.cause());
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, writer.getContentType());
      if (head) {
        ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(result.result().length())).end();
      } else {
        ctx.response().end(result.result());
      }
    });
  }
}
