package dev.ciorchestrator.executor.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to check out for a run.
 *
 * @param repository a local Git repository (work tree or bare); only read, never written
 * @param baseRef the target branch name ({@code main} or {@code refs/heads/main}); when {@code
 *     headSha} is null it may also be a full commit SHA, so a push run tests the pushed commit even
 *     if the branch has moved on since
 * @param headSha the change's head commit (full or abbreviated SHA), or null to test {@code
 *     baseRef} as is
 * @param target an empty or non-existent folder that will hold the workspace
 */
public record WorkspaceSpec(Path repository, String baseRef, String headSha, Path target) {
  public WorkspaceSpec {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(baseRef, "baseRef");
    Objects.requireNonNull(target, "target");
    if (baseRef.isBlank()) {
      throw new IllegalArgumentException("baseRef is blank");
    }
    if (headSha != null && headSha.isBlank()) {
      throw new IllegalArgumentException("headSha is blank; pass null to test baseRef as is");
    }
  }
}
