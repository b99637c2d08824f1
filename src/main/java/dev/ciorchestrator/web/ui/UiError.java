package dev.ciorchestrator.web.ui;

import jakarta.ws.rs.core.Response.Status;

/** A page that cannot be shown or an action refused, answered as an HTML page with its status. */
public final class UiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status status;
  private final String title;

  /**
   * @param detail for people: what was wrong, naming the query parameter or form field
   */
  public UiError(Status status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  static UiError badRequest(String detail) {
    return new UiError(Status.BAD_REQUEST, "Bad request", detail);
  }

  static UiError notFound(String detail) {
    return new UiError(Status.NOT_FOUND, "Not found", detail);
  }

  public Status status() {
    return status;
  }

  public String title() {
    return title;
  }
}
