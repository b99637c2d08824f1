package dev.ciorchestrator.supply.sbom;

/** The SBOM could not be made; the message names the file and what is wrong with it. */
public final class SbomException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SbomException(String message) {
    super(message);
  }
}
