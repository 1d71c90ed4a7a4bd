package io.scanium.telemetry.spring.boot;

import io.scanium.telemetry.internal.config.Setting;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code SCANIUM_METRICS_ACTUATOR} is true in the configuration install will read (environment, system
 * properties, Spring's {@code Environment}). An invalid value is left to install, which fails with its message.
 */
final class ActuatorRegistryCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    if (!(context.getEnvironment() instanceof ConfigurableEnvironment)) {
      return false;
    }
    return SpringPropertySources.configSource((ConfigurableEnvironment) context.getEnvironment())
        .get(Setting.METRICS_ACTUATOR).value().trim().equalsIgnoreCase("true");
  }
}
