package dev.ciorchestrator.forge.rest;

import java.io.IOException;

/**
 * A request failed in a way that may pass when repeated: a 5xx, a timeout, a broken connection, or
 * a rate limit we have waited out. Only this is retried (by SmallRye Fault Tolerance).
 */
public class RetryableException extends IOException {
  private static final long serialVersionUID = 1L;

  public RetryableException(String message) {
    super(message);
  }

  public RetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
