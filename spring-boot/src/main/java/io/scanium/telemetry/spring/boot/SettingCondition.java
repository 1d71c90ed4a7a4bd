package io.scanium.telemetry.spring.boot;

import io.scanium.telemetry.internal.config.Setting;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether a boolean setting is true in the configuration install will read (environment, system properties,
 * Spring's {@code Environment}). An invalid value counts as its default here and is left to install, which fails
 * with its message.
 */
abstract class SettingCondition implements Condition {

  private final Setting setting;

  SettingCondition(Setting setting) {
    this.setting = setting;
  }

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    boolean fallback = Boolean.parseBoolean(setting.defaultValue());
    if (!(context.getEnvironment() instanceof ConfigurableEnvironment)) {
      return fallback;
    }
    String value = SpringPropertySources.configSource((ConfigurableEnvironment) context.getEnvironment())
        .get(setting).value().trim();
    return value.equalsIgnoreCase("true") || (fallback && !value.equalsIgnoreCase("false"));
  }

  /** {@code SCANIUM_METRICS_ACTUATOR}: Micrometer writes into the library's registry. */
  static final class ActuatorRegistry extends SettingCondition {
    ActuatorRegistry() {
      super(Setting.METRICS_ACTUATOR);
    }
  }

  /** {@code SCANIUM_SERVLET_AUTO_REGISTER}: the starter registers the servlet filter (off for hand registration). */
  static final class ServletAutoRegister extends SettingCondition {
    ServletAutoRegister() {
      super(Setting.SERVLET_AUTO_REGISTER);
    }
  }
}
