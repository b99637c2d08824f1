package dev.ciorchestrator.executor.workspace;

import java.util.List;

/** The change's head does not merge cleanly into its base branch. */
public final class MergeConflictException extends WorkspaceException {
  private static final long serialVersionUID = 1L;

  /** Sorted, so the message and the list are the same from one build to the next. */
  private final List<String> paths;

  MergeConflictException(String head, String baseRef, String base, List<String> paths) {
    super(
        "merge of "
            + abbreviate(head)
            + " into "
            + baseRef
            + " ("
            + abbreviate(base)
            + ") conflicts in: "
            + String.join(", ", paths));
    this.paths = List.copyOf(paths);
  }

  /** The paths Git could not merge, sorted. */
  public List<String> paths() {
    return paths;
  }

  private static String abbreviate(String sha) {
    return sha.substring(0, 7);
  }
}
