package dev.ciorchestrator.forge.rest;

import java.io.IOException;

/**
 * A forge answered a request with an error that repeating it will not fix (a 4xx other than a rate
 * limit). The message names the endpoint, the status and the forge's own reason, never a secret.
 */
public class RestException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String reason;

  public RestException(String endpoint, int status, String reason) {
    super(endpoint + " answered " + status + (reason.isEmpty() ? "" : ": " + reason));
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  /** The forge's own words for the error ({@code ""} when it gave none). */
  public String reason() {
    return reason;
  }
}
