package io.scanium.telemetry.spring.webflux;

import io.scanium.telemetry.http.HttpRequestObservation;
import io.scanium.telemetry.internal.Diagnostics;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Ends one request's observation with the status the client received, exactly once.
 *
 * <p>WebFlux answers an exception only after it has left every filter: the {@code WebExceptionHandler}s (Boot's
 * error handler, {@code ResponseStatusException}'s status) wrap the filter chain. So an error signal only remembers
 * the exception, and the observation ends when that answer is committed, with its status. A successful chain has
 * written its response (or left its status for the final commit); a cancelled one lost its client.
 */
final class RequestEnd {

  /** The status recorded for a request whose client went away before any response was sent (nginx's convention). */
  static final int CLIENT_CLOSED = 499;

  private final ServerWebExchange exchange;
  private final HttpRequestObservation observation;
  private final Diagnostics diagnostics;
  private volatile Throwable error;
  private volatile boolean committed;

  RequestEnd(ServerWebExchange exchange, HttpRequestObservation observation, Diagnostics diagnostics) {
    this.exchange = exchange;
    this.observation = observation;
    this.diagnostics = diagnostics;
  }

  /** A {@code beforeCommit} action: runs when the response's status and headers are about to be sent. */
  Mono<Void> onCommit() {
    committed = true;
    Throwable e = error;
    if (e != null) {
      end(e, false);
    }
    return Mono.empty();
  }

  void onSuccess() {
    end(null, false);
  }

  void onError(Throwable e) {
    try {
      if (committed || exchange.getResponse().isCommitted()) {
        // The client has a status already and gets a broken response: the server failed, whatever that status.
        end(e, true);
        return;
      }
      // Written before reading the commit flag, which onCommit writes before reading the error: whichever runs
      // second ends the request; if both do, the observation counts it once.
      error = e;
      if (committed) {
        end(e, false);
      }
    } catch (RuntimeException | LinkageError t) {
      failed(t);
    }
  }

  void onCancel() {
    try {
      if (committed || exchange.getResponse().isCommitted()) {
        end(null, false);
      } else {
        finish(CLIENT_CLOSED, null);
      }
    } catch (RuntimeException | LinkageError e) {
      failed(e);
    }
  }

  private void end(Throwable e, boolean serverFailed) {
    try {
      int status = status(exchange.getResponse());
      // A 4xx answer to an exception (404 for no handler, 400 for a bad argument) is the client's error: the
      // span records exceptions only when the server failed.
      finish(status, serverFailed || status >= 500 ? e : null);
    } catch (RuntimeException | LinkageError t) {
      failed(t);
    }
  }

  private void finish(int status, Throwable e) {
    observation.end(status, e, () -> route(exchange, status));
  }

  private void failed(Throwable t) {
    diagnostics.warn("webflux-end", "Scanium telemetry: ending a WebFlux request's observation failed; the request"
        + " itself was not affected: " + t);
    observation.end(500, null);
  }

  private static int status(ServerHttpResponse response) {
    HttpStatusCode status = response.getStatusCode();
    return status == null ? 200 : status.value();
  }

  /**
   * The template of the handler mapping that matched, with the application's base path in front; null when none
   * matched. Boot maps static resources to {@code /**}: a 404 from there matched nothing of the application.
   */
  static String route(ServerWebExchange exchange, int status) {
    Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern == null) {
      return null;
    }
    if (status == 404
        && exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof ResourceWebHandler) {
      return null;
    }
    String template = pattern instanceof PathPattern ? ((PathPattern) pattern).getPatternString() : pattern.toString();
    String base = exchange.getRequest().getPath().contextPath().value();
    return base.isEmpty() ? template : base + template;
  }
}
