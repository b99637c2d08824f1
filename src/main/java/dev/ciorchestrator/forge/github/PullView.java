package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.CommitStatus;
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
import java.util.Map;
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
   * The view, and the newest {@code /hold} or {@code /unhold} comment (id, and whether it holds),
   * which the adapter turns into the hold label.
   */
  record Built(ForgeChange change, Optional<HoldCommand> hold, Optional<String> summaryId) {}

  record HoldCommand(String commentId, boolean on) {}

  private PullView() {}

  static Built build(
      String repo,
      PullDetail d,
      List<String> labels,
      Policy policy,
      Instant headPushedAt,
      String bot,
      Lookups lookups)
      throws IOException {
    JsonNode pull = d.pull();
    String endpoint = "GET /repos/" + repo + "/pulls/" + pull.path("number").asText();
    String author = PullJson.login(pull);
    String headSha = PullJson.text(pull, endpoint, "head", "sha");
    List<JsonNode> people = new ArrayList<>();
    Optional<JsonNode> summary = Optional.empty();
    for (JsonNode c : d.comments()) {
      if (PullJson.login(c).equalsIgnoreCase(bot)) {
        if (summary.isEmpty() && c.path("body").asText("").startsWith(SUMMARY_MARKER)) {
          summary = Optional.of(c);
        }
      } else {
        people.add(c);
      }
    }
    boolean authorListed = listed(policy, author);
    List<String> trusted = new ArrayList<>(policy.trustedUsers());
    Set<String> acknowledged = new HashSet<>();
    Optional<HoldCommand> hold = Optional.empty();
    List<Comment> comments = new ArrayList<>();
    for (JsonNode c : people) {
      Comment comment = PullJson.comment(c);
      comments.add(comment);
      int requests = 0;
      for (Command command : CommandParser.parse(comment.body())) {
        if (command instanceof Command.OkToTest
            && !listed(policy, comment.author())
            && !trusted.contains(comment.author())
            && lookups.trusted(comment.author())) {
          trusted.add(comment.author());
        } else if (command instanceof Command.Test t) {
          requests += t.jobs().size();
        } else if (command instanceof Command.Retest) {
          requests++;
        } else if (command instanceof Command.Hold h) {
          hold = Optional.of(new HoldCommand(comment.id(), h.on()));
        }
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
                policy.dismissOnPush(),
                comments,
                PullJson.reviews(d.reviews()),
                acknowledged));
    boolean vouched = !authorListed && !author.isEmpty() && lookups.trusted(author);
    JsonNode mergeable = pull.path("mergeable");
    Change change =
        new Change(
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
    Map<String, CommitStatus> statuses = PullJson.statuses(d.status());
    String summaryBody = summary.map(c -> stripMarker(c.path("body").asText(""))).orElse("");
    ForgeChange fc =
        new ForgeChange(
            new ChangeState(change, folded.okToTest() || vouched, folded.requests()),
            folded.ignored(),
            labels,
            statuses,
            summaryBody);
    return new Built(fc, hold, summary.map(c -> c.path("id").asText("")));
  }

  static String stripMarker(String body) {
    return Markers.text(SUMMARY_MARKER, body);
  }

  private static boolean listed(Policy policy, String login) {
    return !login.isEmpty() && policy.trustedUsers().stream().anyMatch(login::equalsIgnoreCase);
  }
}
