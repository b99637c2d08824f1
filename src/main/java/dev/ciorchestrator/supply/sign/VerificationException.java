package dev.ciorchestrator.supply.sign;

/** Something that was checked did not hold; the message says what and where, for a person. */
public final class VerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VerificationException(String message) {
    super(message);
  }
}
