package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.forge.command.Command;
import dev.ciorchestrator.forge.command.CommandFold;
import dev.ciorchestrator.forge.command.CommandParser;
import dev.ciorchestrator.forge.command.FoldInput;
import dev.ciorchestrator.forge.command.FoldedState;
import dev.ciorchestrator.forge.command.HoldLabel;
import dev.ciorchestrator.forge.command.RequestId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns one change's {@link ChangeFacts} into the {@link ForgeChange} the core reads, folding its
 * comments and reviews with {@link CommandFold} exactly as the local forge does. Pure: everything
 * it needs from the forge was fetched beforehand; what still takes a look-up (whether a login is
 * trusted on the forge, whether a request was served) is named by {@link #toLookUp} and {@link
 * #requests} and answered in {@link Lookups}.
 *
 * <p>Trust on a hosted forge: the repository's trust list, plus whom the forge trusts (members,
 * collaborators). The planner is not changed for it: an author trusted only through the forge is
 * presented as vouched for ({@code okToTest}), and an {@code /ok-to-test} counts when its commenter
 * is on the list or trusted through the forge.
 */
public final class ChangeView {
  /** What folding needs from the repository's config. */
  public record Policy(List<String> trustedUsers, boolean dismissOnPush) {
    public Policy {
      trustedUsers = List.copyOf(trustedUsers);
    }

    /** The policy of {@code repo}'s config; the safe side while the config has none. */
    public static Policy of(Function<String, Optional<Repository>> config, String repo) {
      return config
          .apply(repo)
          .map(r -> new Policy(r.trustedUsers(), r.dismissApprovalsOnPush()))
          .orElse(new Policy(List.of(), true));
    }

    boolean listed(String login) {
      return !login.isEmpty() && trustedUsers.stream().anyMatch(login::equalsIgnoreCase);
    }
  }

  /**
   * The answers to the view's look-ups.
   *
   * @param trustedByForge which of {@link #toLookUp} the forge trusts
   * @param acknowledged ids of the comments of {@link #requests} already served
   */
  public record Lookups(Set<String> trustedByForge, Set<String> acknowledged) {
    public Lookups {
      trustedByForge = Set.copyOf(trustedByForge);
      acknowledged = Set.copyOf(acknowledged);
    }

    boolean trusted(String login) {
      return trustedByForge.stream().anyMatch(login::equalsIgnoreCase);
    }
  }

  /**
   * The view; the hold label entry to apply ({@link HoldLabel#toApply}); the orchestrator's own
   * summary comment, if any.
   */
  public record Built(ForgeChange change, Optional<String> holdToApply, Optional<Note> summary) {}

  private ChangeView() {}

  /** The orchestrator's summary comment, found by its marker among its own comments. */
  public static Optional<Note> summary(ChangeFacts facts, String bot) {
    return facts.notes().stream()
        .filter(n -> n.by(bot) && n.body().startsWith(Markers.SUMMARY))
        .findFirst();
  }

  /**
   * The logins whose trust on the forge changes the view: the author unless listed, and whoever
   * wrote a command whose effect depends on who wrote it on someone else's change.
   */
  public static Set<String> toLookUp(ChangeFacts facts, Policy policy, String bot) {
    Set<String> logins = new LinkedHashSet<>();
    if (!facts.author().isEmpty() && !policy.listed(facts.author())) {
      logins.add(facts.author());
    }
    for (Note n : people(facts, bot)) {
      if (n.author().isEmpty()) {
        continue; // nobody's comment commands nothing (CommandFold)
      }
      boolean own = n.author().equalsIgnoreCase(facts.author());
      if (!own && !policy.listed(n.author()) && parse(n).stream().anyMatch(Command::needsRole)) {
        logins.add(n.author());
      }
    }
    return logins;
  }

  /** The people's comments holding job requests, each with how many it holds. */
  public static Map<Note, Integer> requests(ChangeFacts facts, String bot) {
    Map<Note, Integer> out = new LinkedHashMap<>();
    for (Note n : people(facts, bot)) {
      int count = parse(n).stream().mapToInt(Command::requests).sum();
      if (count > 0) {
        out.put(n, count);
      }
    }
    return out;
  }

  /**
   * The view of {@code facts}.
   *
   * @param forge the forge kind, whose summary trailer is left out of the summary text
   * @param hold the hold command applied to the label last
   */
  public static Built build(
      String forge,
      String repo,
      ChangeFacts facts,
      Policy policy,
      Pushed pushed,
      String bot,
      Lookups lookups,
      HoldLabel hold) {
    String author = facts.author();
    FoldedState folded =
        CommandFold.fold(
            new FoldInput(
                author,
                trusted(facts, policy, lookups),
                facts.headSha(),
                pushed.at(),
                pushed.firstSight(),
                policy.dismissOnPush(),
                people(facts, bot).stream().map(Note::comment).toList(),
                facts.reviews(),
                acknowledged(facts, bot, lookups),
                hold.heldByHand(facts.labels())));
    boolean vouched = !author.isEmpty() && !policy.listed(author) && lookups.trusted(author);
    Optional<Note> summary = summary(facts, bot);
    String summaryText =
        summary.map(s -> Trailer.strip(forge, Markers.text(Markers.SUMMARY, s.body()))).orElse("");
    ForgeChange fc =
        new ForgeChange(
            new ChangeState(
                change(repo, facts, folded),
                folded.okToTest() || vouched,
                folded.okToTestForHead() || vouched,
                folded.requests()),
            folded.answers(),
            folded.notes(),
            facts.labels(),
            facts.statuses(),
            summaryText);
    return new Built(fc, hold.toApply(folded), summary);
  }

  /** {@code fc} with other labels, in the change the planner reads too. */
  public static ForgeChange withLabels(ForgeChange fc, List<String> labels) {
    Change c = fc.state().change();
    Change relabelled =
        new Change(
            c.repo(),
            c.number(),
            c.title(),
            c.author(),
            c.draft(),
            labels,
            c.approvals(),
            c.baseRef(),
            c.baseSha(),
            c.headRef(),
            c.headSha(),
            c.files(),
            c.mergeable(),
            c.createdAt(),
            c.updatedAt());
    return new ForgeChange(
        new ChangeState(
            relabelled, fc.state().okToTest(), fc.state().okToTestForHead(), fc.state().requests()),
        fc.answers(),
        fc.notes(),
        labels,
        fc.statuses(),
        fc.summary());
  }

  /** The summary quotes commands, so the orchestrator's own comments are never commands. */
  private static List<Note> people(ChangeFacts facts, String bot) {
    return facts.notes().stream().filter(n -> !n.by(bot)).toList();
  }

  private static List<Command> parse(Note n) {
    return CommandParser.parse(n.body());
  }

  /** The repository's list, plus commenters the forge trusts (the author is vouched instead). */
  private static List<String> trusted(ChangeFacts facts, Policy policy, Lookups lookups) {
    List<String> trusted = new ArrayList<>(policy.trustedUsers());
    for (String login : lookups.trustedByForge()) {
      if (!login.equalsIgnoreCase(facts.author()) && !policy.listed(login)) {
        trusted.add(login);
      }
    }
    return trusted;
  }

  private static Set<String> acknowledged(ChangeFacts facts, String bot, Lookups lookups) {
    Set<String> ids = new HashSet<>();
    requests(facts, bot)
        .forEach(
            (note, count) -> {
              if (lookups.acknowledged().contains(note.id())) {
                ids.addAll(RequestId.allOf(note.id(), count));
              }
            });
    return ids;
  }

  private static Change change(String repo, ChangeFacts f, FoldedState folded) {
    return new Change(
        repo,
        f.number(),
        f.title(),
        f.author(),
        f.draft(),
        f.labels(),
        folded.approvals(),
        f.baseRef(),
        f.baseSha(),
        f.headRef(),
        f.headSha(),
        f.files(),
        Objects.equals(f.mergeable(), Boolean.TRUE),
        f.createdAt(),
        f.updatedAt());
  }
}
