package io.scanium.telemetry.http;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.internal.HttpRouteState;

/**
 * Tells the OpenTelemetry Java agent the route of a server span it owns. Setting {@code http.route} on the agent's
 * span is not enough: at the span's end the agent writes the route it tracked itself (a servlet mapping such as
 * {@code /users/*}, Vert.x's {@code /users/:id}) over it. The agent bridges the application's copy of
 * {@code HttpRouteState.update} to its own route state, the one it reads at the end; that call is made here, with the
 * order of the most specific source (a nested controller), so that the agent's later bookkeeping keeps our template.
 *
 * <p>{@code HttpRouteState} is OpenTelemetry instrumentation's internal API: any failure to link or call it switches
 * the bridge off for good and leaves the attribute set directly, never touching the request.
 */
final class AgentRoute {

  /** {@code HttpServerRouteSource.NESTED_CONTROLLER}'s order: no framework's route outranks it. */
  private static final int MOST_SPECIFIC_SOURCE = 4;
  private static volatile boolean broken;

  private AgentRoute() {}

  /** Updates the agent's route state in {@code context}; does nothing without the agent's bridge. Never throws. */
  static void update(Context context, String route) {
    if (broken) {
      return;
    }
    try {
      HttpRouteState.create(null, null, 0).update(context, MOST_SPECIFIC_SOURCE, route);
    } catch (Throwable e) {
      // Absent or another version of the instrumentation API: the span keeps the route set on it directly.
      broken = true;
    }
  }
}
