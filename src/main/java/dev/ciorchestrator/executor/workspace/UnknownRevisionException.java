package dev.ciorchestrator.executor.workspace;

/** The base branch or head commit does not exist in the source repository. */
public final class UnknownRevisionException extends WorkspaceException {
  private static final long serialVersionUID = 1L;

  UnknownRevisionException(String message) {
    super(message);
  }
}
