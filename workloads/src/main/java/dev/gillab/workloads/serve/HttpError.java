package dev.gillab.workloads.serve;

import java.util.Map;

/**
 * A request the server answers with an error status and a one-line message, as JSON {@code
 * {"error": message, ...details}}: a compile error adds its kind, line and column, so the page
 * marks the spot. Thrown anywhere in a handler; the router turns it into the response, so no
 * handler writes an error by hand and no stack trace ever reaches a client.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Map<String, Object> details;

  HttpError(int status, String message, Map<String, Object> details) {
    super(message, null, false, false); // a response, not a failure: no stack to fill
    this.status = status;
    this.details = Map.copyOf(details);
  }

  HttpError(int status, String message) {
    this(status, message, Map.of());
  }

  int status() {
    return status;
  }

  /** Fields the response carries beside {@code error}. */
  Map<String, Object> details() {
    return details;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  static HttpError notFound(String message) {
    return new HttpError(404, message);
  }
}
