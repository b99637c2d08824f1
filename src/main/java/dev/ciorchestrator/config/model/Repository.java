package dev.ciorchestrator.config.model;

import java.util.List;

/**
 * {@code kind: Repository}: a repository on a forge that ci-orchestrator watches.
 *
 * @param name {@code owner/name} as the forge knows it
 * @param forge id of a forge connection in the deployment settings
 * @param trustedUsers authors whose changes run without {@code /ok-to-test}
 * @param dismissApprovalsOnPush approvals given on an older head SHA no longer count
 * @param callbacks where to report runs and gate decisions of this repository's changes
 * @param mergeQueue {@code merge.queue}; {@link MergeQueue#OFF} when absent
 */
public record Repository(
    String name,
    String forge,
    String defaultBranch,
    boolean autoMerge,
    MergeMethod mergeMethod,
    List<String> trustedUsers,
    boolean dismissApprovalsOnPush,
    List<Callback> callbacks,
    SourcePosition source,
    MergeQueue mergeQueue) {
  public Repository {
    trustedUsers = List.copyOf(trustedUsers);
    callbacks = List.copyOf(callbacks);
    mergeQueue = mergeQueue == null ? MergeQueue.OFF : mergeQueue;
  }

  /** A repository without a merge queue. */
  public Repository(
      String name,
      String forge,
      String defaultBranch,
      boolean autoMerge,
      MergeMethod mergeMethod,
      List<String> trustedUsers,
      boolean dismissApprovalsOnPush,
      List<Callback> callbacks,
      SourcePosition source) {
    this(
        name,
        forge,
        defaultBranch,
        autoMerge,
        mergeMethod,
        trustedUsers,
        dismissApprovalsOnPush,
        callbacks,
        source,
        MergeQueue.OFF);
  }
}
