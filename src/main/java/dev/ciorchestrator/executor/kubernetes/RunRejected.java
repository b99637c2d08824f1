package dev.ciorchestrator.executor.kubernetes;

/**
 * A run that cannot become a Job as configured (no image, a bad quantity): it ends in {@code error}
 * with this message and nothing is sent to the API server.
 */
final class RunRejected extends Exception {
  private static final long serialVersionUID = 1L;

  RunRejected(String message) {
    super(message);
  }
}
