package dev.content.web;

/** A request the site refuses, with the status and a message safe to show the client. */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  HttpError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static HttpError notFound(String message) {
    return new HttpError(404, "not_found", message);
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, "bad_request", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
