package io.scanium.telemetry.dashboard;

/** A dashboard query that is not valid PromQL; the message says where reading failed when that is known. */
final class PromqlSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PromqlSyntaxException(String message, int position) {
    super(message + " at offset " + position);
  }

  PromqlSyntaxException(String message) {
    super(message);
  }
}
