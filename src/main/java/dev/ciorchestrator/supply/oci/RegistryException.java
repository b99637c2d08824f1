package dev.ciorchestrator.supply.oci;

/** The registry refused or failed a request; the message says which request and what it said. */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegistryException(String message) {
    super(message);
  }
}
