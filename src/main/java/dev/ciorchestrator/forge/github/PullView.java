package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.forge.command.Command;
import dev.ciorchestrator.forge.command.CommandFold;
import dev.ciorchestrator.forge.command.CommandParser;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.FoldInput;
import dev.ciorchestrator.forge.command.FoldedState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one pull request's GitHub answers into the {@link ForgeChange} the core reads, folding its
 * comments and reviews with {@link CommandFold} exactly as the local forge does.
 *
 * <p>Trust on GitHub: the repository's trust list, plus organisation members and collaborators
 * ({@link Membership}). The planner is not changed for it: an author trusted only through GitHub is
 * presented as vouched for ({@code okToTest}), and an {@code /ok-to-test} counts when its commenter
 * is on the list or trusted through GitHub.
 */
final class PullView {
  /** Starts the body of the one summary comment per pull request; hidden when rendered. */
  static final String SUMMARY_MARKER = Markers.SUMMARY;

  /** What folding needs from the repository's config. */
  record Policy(List<String> trustedUsers, boolean dismissOnPush) {}

  /** Reads whether the bot has acknowledged a comment's requests, and whether users are trusted. */
  interface Lookups {
    boolean acknowledged(String commentId, int eyes) throws IOException;

    boolean trusted(String login) throws IOException;
  }

  /**
   * The view, and the newest effective {@code /hold} or {@code /unhold} (id, and whether it holds),
   * which the adapter turns into the hold label.
   */
  record Built(ForgeChange change, Optional<HoldCommand> hold, Optional<String> summaryId) {}

  record HoldCommand(String commentId, boolean on) {
    String applied() {
      return (on ? "on:" : "off:") + commentId;
    }
  }

  private PullView() {}

  /** The bot's summary comment, found by its marker. */
  static Optional<JsonNode> summary(PullDetail d, String bot) {
    return d.comments().stream()
        .filter(c -> PullJson.login(c).equalsIgnoreCase(bot))
        .filter(c -> c.path("body").asText("").startsWith(SUMMARY_MARKER))
        .findFirst();
  }

  /**
   * @param headPushedAt when the adapter saw the head move, or first saw it ({@code firstSight})
   * @param heldByHand the {@code hold} label is on and no hold command of ours put it there
   */
  static Built build(
      String repo,
      PullDetail d,
      List<String> labels,
      Policy policy,
      Instant headPushedAt,
      boolean firstSight,
      String bot,
      Lookups lookups,
      boolean heldByHand)
      throws IOException {
    JsonNode pull = d.pull();
    String endpoint = "GET /repos/" + repo + "/pulls/" + pull.path("number").asText();
    String author = PullJson.login(pull);
    String headSha = PullJson.text(pull, endpoint, "head", "sha");
    Optional<JsonNode> summary = summary(d, bot);
    List<String> trusted = new ArrayList<>(policy.trustedUsers());
    Set<String> acknowledged = new HashSet<>();
    List<Comment> comments = new ArrayList<>();
    for (JsonNode c : d.comments()) {
      if (PullJson.login(c).equalsIgnoreCase(bot)) {
        continue; // the summary quotes commands; the bot's comments are never commands
      }
      Comment comment = PullJson.comment(c);
      comments.add(comment);
      int requests = 0;
      boolean needsRole = false;
      for (Command command : CommandParser.parse(comment.body())) {
        if (command instanceof Command.Test t) {
          requests += t.jobs().size();
        } else if (command instanceof Command.Retest || command instanceof Command.Custom) {
          requests++;
        }
        needsRole |= needsRole(command);
      }
      if (needsRole && !comment.author().equalsIgnoreCase(author)) {
        trustThroughGitHub(comment.author(), policy, trusted, lookups);
      }
      if (requests > 0 && lookups.acknowledged(comment.id(), PullJson.eyes(c))) {
        acknowledged.add(comment.id());
        for (int i = 0; i < requests; i++) {
          acknowledged.add(comment.id() + "#" + i);
        }
      }
    }
    FoldedState folded =
        CommandFold.fold(
            new FoldInput(
                author,
                trusted,
                headSha,
                headPushedAt,
                firstSight,
                policy.dismissOnPush(),
                comments,
                PullJson.reviews(d.reviews()),
                acknowledged,
                heldByHand));
    boolean vouched = !listed(policy, author) && !author.isEmpty() && lookups.trusted(author);
    Change change = change(repo, pull, endpoint, author, headSha, labels, folded, d);
    String summaryBody = summary.map(c -> stripMarker(c.path("body").asText(""))).orElse("");
    ForgeChange fc =
        new ForgeChange(
            new ChangeState(
                change,
                folded.okToTest() || vouched,
                folded.okToTestForHead() || vouched,
                folded.requests()),
            folded.answers(),
            folded.notes(),
            labels,
            PullJson.statuses(d.status()),
            summaryBody);
    Optional<HoldCommand> hold =
        folded.holdCommandId().isEmpty()
            ? Optional.empty()
            : Optional.of(new HoldCommand(folded.holdCommandId(), folded.hold()));
    return new Built(fc, hold, summary.map(c -> c.path("id").asText("")));
  }

  /** {@code fc} with other labels, in the change the planner reads too. */
  static ForgeChange withLabels(ForgeChange fc, List<String> labels) {
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

  /** Commands whose effect depends on who wrote them. */
  private static boolean needsRole(Command command) {
    return command instanceof Command.OkToTest
        || command instanceof Command.Test
        || command instanceof Command.Retest
        || command instanceof Command.Custom
        || (command instanceof Command.Hold h && !h.on());
  }

  /** Adds {@code login} to {@code trusted} when GitHub trusts them (member or collaborator). */
  private static void trustThroughGitHub(
      String login, Policy policy, List<String> trusted, Lookups lookups) throws IOException {
    if (!listed(policy, login)
        && trusted.stream().noneMatch(login::equalsIgnoreCase)
        && lookups.trusted(login)) {
      trusted.add(login);
    }
  }

  private static Change change(
      String repo,
      JsonNode pull,
      String endpoint,
      String author,
      String headSha,
      List<String> labels,
      FoldedState folded,
      PullDetail d)
      throws IOException {
    JsonNode mergeable = pull.path("mergeable");
    return new Change(
        repo,
        PullJson.number(pull, endpoint),
        pull.path("title").asText(""),
        author,
        pull.path("draft").asBoolean(false),
        labels,
        folded.approvals(),
        PullJson.text(pull, endpoint, "base", "ref"),
        pull.path("base").path("sha").asText(""),
        pull.path("head").path("ref").asText(""),
        headSha,
        PullJson.files(d.files()),
        mergeable.isBoolean() && mergeable.asBoolean(),
        PullJson.time(pull, "created_at"),
        PullJson.time(pull, "updated_at"));
  }

  /** The summary text the core rendered: without the marker, and without the adapter's trailer. */
  static String stripMarker(String body) {
    return Trailer.strip(Markers.text(SUMMARY_MARKER, body));
  }

  private static boolean listed(Policy policy, String login) {
    return !login.isEmpty() && policy.trustedUsers().stream().anyMatch(login::equalsIgnoreCase);
  }
}
