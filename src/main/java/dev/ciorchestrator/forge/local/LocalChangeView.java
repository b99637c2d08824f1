package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.forge.command.CommandFold;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.FoldInput;
import dev.ciorchestrator.forge.command.FoldedState;
import dev.ciorchestrator.forge.command.HoldLabel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Turns a stored {@link LocalChange} into the {@link ChangeState} the planner reads: Git facts from
 * the source repository (read only) and the change's comments and reviews folded by {@link
 * CommandFold}.
 *
 * <p>The {@code hold} label is the stored label, so the API, the CLI and the CEL {@code
 * change.labels} always agree. Each effective {@code /hold} or {@code /unhold} is applied to it
 * once ({@link ViewedChange#holdToApply}, which the listing writes and records among the change's
 * acknowledgements), by the rule every forge follows ({@link HoldLabel}): a label set or removed by
 * hand afterwards stands until the next command. A label nobody's command set is "held by hand":
 * only a trusted user may lift it.
 */
public final class LocalChangeView {
  /** Prefixes a {@link HoldLabel} entry among the change's acknowledgements. */
  static final String HOLD = "hold:";

  private LocalChangeView() {}

  /**
   * @param repository the source repository's Git dir (bare, or the {@code .git} folder)
   * @param trustedUsers logins whose {@code /ok-to-test} counts
   * @param dismissOnPush approvals given for an earlier head do not count
   * @param bot the orchestrator's login: its comments are never commands, because a summary quotes
   *     the commands it answered ({@code /tset}) and must not act on them
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
            change.labels(),
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
        new ChangeState(viewed, folded.okToTest(), folded.okToTestForHead(), folded.requests()),
        folded.lgtm(),
        folded.answers(),
        folded.notes(),
        holdToApply(change, folded));
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
        false,
        dismissOnPush,
        people,
        change.reviews(),
        Set.copyOf(change.acknowledged()),
        hold(change).heldByHand(change.labels()));
  }

  /** The newest hold command's entry when it is not the one applied last; else empty. */
  private static String holdToApply(LocalChange change, FoldedState folded) {
    return hold(change).toApply(folded).map(entry -> HOLD + entry).orElse("");
  }

  /** The hold command applied last, as the change's acknowledgements record it. */
  private static HoldLabel hold(LocalChange change) {
    List<String> acked = change.acknowledged();
    for (int i = acked.size() - 1; i >= 0; i--) {
      String a = acked.get(i);
      if (a.startsWith(HOLD) && HoldLabel.isEntry(a.substring(HOLD.length()))) {
        return new HoldLabel(a.substring(HOLD.length()));
      }
    }
    return new HoldLabel("");
  }
}
