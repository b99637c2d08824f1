package dev.ciorchestrator.web;

import jakarta.ws.rs.core.Response.Status;

/**
 * A request the API refuses, with the status and the {@link ApiError} body to answer; {@link
 * ApiExceptionMapper} turns it into the response, so resources just throw it.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status status;
  private final String field;

  public ApiException(Status status, String error, String field) {
    super(error, null, false, false); // an expected answer, not a bug: no stack trace to fill
    this.status = status;
    this.field = field == null ? "" : field;
  }

  /** 400: {@code field} ({@code ""} for the whole body) is missing or wrong. */
  public static ApiException badRequest(String error, String field) {
    return new ApiException(Status.BAD_REQUEST, error, field);
  }

  public Status status() {
    return status;
  }

  public ApiError body() {
    return new ApiError(getMessage(), field);
  }
}
