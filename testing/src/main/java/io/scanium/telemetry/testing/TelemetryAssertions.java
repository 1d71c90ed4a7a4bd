package io.scanium.telemetry.testing;

/**
 * Static entry points of the assertions, beside AssertJ's own: {@code import static
 * io.scanium.telemetry.testing.TelemetryAssertions.assertThat;}. AssertJ's {@code Assertions.assertThat} works as
 * well, since {@link TelemetryCapture} and {@link ScrapeText} provide their assertions themselves.
 */
public final class TelemetryAssertions {

  private TelemetryAssertions() {}

  /** Assertions on what a test's telemetry recorded. */
  public static TelemetryCaptureAssert assertThat(TelemetryCapture capture) {
    return new TelemetryCaptureAssert(capture);
  }

  /** Assertions on scrape text. */
  public static ScrapeAssert assertThat(ScrapeText scrape) {
    return new ScrapeAssert(java.util.Objects.requireNonNull(scrape, "scrape"));
  }
}
