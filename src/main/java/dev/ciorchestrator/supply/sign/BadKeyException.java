package dev.ciorchestrator.supply.sign;

/** A key or signature file that cannot be read; the message names the file and what is wrong. */
public final class BadKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadKeyException(String message) {
    super(message);
  }
}
