package dev.ciorchestrator.forge;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A forge as the core sees it: changes in, statuses, comments, labels and merges out. Forge types
 * (GitHub JSON, local store records) stay inside each adapter; only these neutral types cross.
 *
 * <p>Every write is idempotent: the reconcile loop may repeat any of them after a crash or a retry.
 * Statuses and labels are set to a value; comments are found again by a hidden marker ({@link
 * Markers}) that each adapter reads back from the change, not by anything kept in memory.
 */
public interface Forge {
  /** The id {@code Repository.forge} names ({@code local}, or a connection id). */
  String id();

  /**
   * The open changes of {@code repo}, ordered by number. An adapter may return the same {@link
   * ForgeChange} instance while nothing about a change has changed; the loop uses that to skip
   * unchanged changes cheaply.
   */
  List<ForgeChange> openChanges(String repo) throws IOException;

  /** Every branch of {@code repo} and its tip SHA, for postsubmit ({@code push}) detection. */
  Map<String, String> branches(String repo) throws IOException;

  /** Sets {@code status} on commit {@code sha}; the same status again is a no-op. */
  void setStatus(String repo, String sha, CommitStatus status) throws IOException;

  /**
   * Creates the change's one summary comment, or edits it in place when it exists: a change never
   * gets a second one.
   */
  void upsertSummary(String repo, long change, String body) throws IOException;

  /** Adds or removes a label; already so is a no-op. */
  void setLabel(String repo, long change, String label, boolean present) throws IOException;

  /**
   * Posts a comment for an event people must notice (a refused merge), once per {@code key}: the
   * body starts with the hidden {@link Markers#note} of the key, and a later call finds that
   * comment on the change (after a restart too) and edits it if the text changed instead of adding
   * a second one.
   */
  void comment(String repo, long change, String key, String body) throws IOException;

  /** Marks a {@code /test} or {@code /retest} request served; repeating it is a no-op. */
  void acknowledge(String repo, long change, String requestId) throws IOException;

  /**
   * Merges the change into its target branch if, and only if, its head is still {@code headSha}: a
   * push after the gate passed must not merge untested code.
   */
  MergeResult merge(String repo, long change, String headSha, MergeMethod method)
      throws IOException;

  /**
   * Writes a merge-queue batch's commit (its changes' heads merged, in order, onto its base; see
   * {@code forge.queue.BatchCommits}) and points the controller's own ref for batch {@code number}
   * at it: {@code refs/ci-orchestrator/queue/<branch>/<n>} on the embedded forge, a branch {@code
   * ci-orchestrator/queue/<branch>/<n>} on a hosted forge. The commit is then in {@link #checkout}
   * for runs to test. A conflict is an answer, not an error; rewriting the same batch is harmless.
   *
   * @throws UnsupportedOperationException if this forge has no merge queue support
   */
  default BatchBuild buildBatch(String repo, BatchKey batch, long number) throws IOException {
    throw new UnsupportedOperationException("forge " + id() + " has no merge queue support");
  }

  /** Removes the ref of batch {@code number}; a ref already gone is fine. */
  default void dropBatch(String repo, String branch, long number) throws IOException {}

  /**
   * Lands a green batch by moving its branch from the batch's base to {@code commitSha} (merge
   * method {@code fast-forward}), if, and only if, the branch is still at the base and every change
   * is still open at the head the batch tested; the changes are then merged.
   */
  default MergeResult fastForwardBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    throw new UnsupportedOperationException("forge " + id() + " has no merge queue support");
  }

  /**
   * As {@link #merge}, and only while {@code branch} is at {@code expectedBase}: the queue merges a
   * green batch's changes one after another, each onto the tip the one before left, so nothing
   * lands on a base the batch was not tested on. This default looks at the tip first; an adapter
   * that can compare-and-set the branch in the merge itself overrides it.
   */
  default MergeResult mergeOnto(
      String repo,
      long change,
      String headSha,
      MergeMethod method,
      String branch,
      String expectedBase)
      throws IOException {
    String tip = branches(repo).getOrDefault(branch, "");
    if (!tip.equals(expectedBase)) {
      return MergeResult.refused(BatchMoves.moved(branch, expectedBase, tip));
    }
    return merge(repo, change, headSha, method);
  }

  /**
   * Where {@code repo} is cloned from: a Git URL, or on the embedded forge its folder. Recognises
   * the config repository among the forge's (its {@code ci.config.repo-url}); empty when the
   * adapter cannot tell.
   */
  default Optional<String> cloneUrl(String repo) {
    return Optional.empty();
  }

  /**
   * Makes every earlier write durable. An adapter may group-commit the controller's writes (the
   * loop derives statuses and comments again on every pass, so a crash before the flush costs only
   * a pass); the loop calls this at the end of each repository's pass. Write-through adapters need
   * not override it.
   */
  default void flush() throws IOException {}

  /**
   * A local Git repository holding {@code repo}'s commits, for building workspaces; the local
   * forge's own repository, or a mirror an adapter keeps.
   */
  Path checkout(String repo) throws IOException;
}
