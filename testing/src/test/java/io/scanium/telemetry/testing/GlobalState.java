package io.scanium.telemetry.testing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import java.lang.reflect.Field;

/**
 * Whether {@link GlobalOpenTelemetry} holds an instance, without setting one as a side effect as {@code get()} does.
 * {@code GlobalOpenTelemetry.isSet()} only exists from OpenTelemetry 1.50 on, and the project is tested against the
 * 1.49 floor that Spring Boot 3.5 manages, so the tests read the holder field that every version has.
 */
final class GlobalState {

  private GlobalState() {}

  static boolean globalOpenTelemetryIsSet() {
    try {
      Field holder = GlobalOpenTelemetry.class.getDeclaredField("globalOpenTelemetry");
      holder.setAccessible(true);
      return holder.get(null) != null;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("GlobalOpenTelemetry has no field 'globalOpenTelemetry' in this version", e);
    }
  }
}
