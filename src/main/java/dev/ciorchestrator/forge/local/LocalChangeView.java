package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.forge.command.CommandFold;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.FoldInput;
import dev.ciorchestrator.forge.command.FoldedState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a stored {@link LocalChange} into the {@link ChangeState} the planner reads: Git facts from
 * the source repository (read only) and the change's comments and reviews folded by {@link
 * CommandFold}.
 *
 * <p>The {@code hold} label: present when it is in the store (set explicitly) <em>or</em> the
 * newest {@code /hold}/{@code /unhold} comment left the change held. So {@code /unhold} clears a
 * hold that {@code /hold} set, but not an explicitly set label, which only removing the label
 * clears. The store keeps no time for labels, so "newest wins" between the two cannot be decided;
 * when in doubt the change stays held, which blocks a merge rather than allowing one.
 */
public final class LocalChangeView {
  static final String HOLD = "hold";

  private LocalChangeView() {}

  /**
   * @param repository the source repository's Git dir (bare, or the {@code .git} folder)
   * @param trustedUsers logins whose {@code /ok-to-test} counts
   * @param dismissOnPush approvals given for an earlier head do not count
   * @param bot the orchestrator's login: its comments are never commands, because a summary quotes
   *     the commands it ignored ({@code /tset}) and must not act on them
   * @throws IOException if the repository, the target branch or the head commit is missing
   */
  public static ViewedChange of(
      LocalChange change,
      Path repository,
      List<String> trustedUsers,
      boolean dismissOnPush,
      String bot)
      throws IOException {
    GitFacts git = GitFacts.read(repository, change.targetBranch(), change.headSha());
    return of(change, git, trustedUsers, dismissOnPush, bot);
  }

  /** As above, with Git facts already read (they cost a trial merge). */
  static ViewedChange of(
      LocalChange change,
      GitFacts git,
      List<String> trustedUsers,
      boolean dismissOnPush,
      String bot) {
    FoldedState folded = CommandFold.fold(foldInput(change, trustedUsers, dismissOnPush, bot));
    Change viewed =
        new Change(
            change.repo(),
            change.number(),
            change.title(),
            change.author(),
            change.draft(),
            labels(change.labels(), folded.hold()),
            folded.approvals(),
            change.targetBranch(),
            git.baseSha(),
            change.sourceBranch(),
            change.headSha(),
            git.files(),
            git.mergeable(),
            change.createdAt(),
            change.updatedAt());
    return new ViewedChange(
        new ChangeState(viewed, folded.okToTest(), folded.requests()),
        folded.hold(),
        folded.lgtm(),
        folded.ignored());
  }

  private static FoldInput foldInput(
      LocalChange change, List<String> trustedUsers, boolean dismissOnPush, String bot) {
    List<Comment> people =
        change.comments().stream().filter(c -> !c.author().equalsIgnoreCase(bot)).toList();
    return new FoldInput(
        change.author(),
        trustedUsers,
        change.headSha(),
        change.headPushedAt(),
        dismissOnPush,
        people,
        change.reviews(),
        Set.copyOf(change.acknowledged()));
  }

  static List<String> labels(List<String> stored, boolean held) {
    List<String> labels = new ArrayList<>(stored);
    if (held && !labels.contains(HOLD)) {
      labels.add(HOLD);
    }
    return List.copyOf(labels);
  }
}
