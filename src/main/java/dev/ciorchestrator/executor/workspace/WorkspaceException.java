package dev.ciorchestrator.executor.workspace;

/**
 * A workspace that cannot be built because of its inputs, not the infrastructure: building again
 * gives the same failure, so a run reports it and is not retried. Infrastructure trouble (disk,
 * unreadable repository) is an {@link java.io.IOException} instead.
 */
public abstract sealed class WorkspaceException extends Exception
    permits MergeConflictException, UnknownRevisionException {
  private static final long serialVersionUID = 1L;

  WorkspaceException(String message) {
    super(message);
  }
}
