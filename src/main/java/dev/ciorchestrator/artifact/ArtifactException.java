package dev.ciorchestrator.artifact;

import java.io.IOException;

/** Collection refused: a quota or the store's cap reached, or a path that leaves the workspace. */
public final class ArtifactException extends IOException {
  private static final long serialVersionUID = 1L;

  public ArtifactException(String message) {
    super(message);
  }
}
