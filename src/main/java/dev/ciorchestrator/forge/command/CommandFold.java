package dev.ciorchestrator.forge.command;

import dev.ciorchestrator.domain.ChangeState.JobRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds a change's comments and reviews into its current state (DESIGN.md "Commands": only the
 * newest state counts). Pure: the same input always gives the same state, so every reconcile can
 * refold from scratch instead of keeping command state that a restart would lose.
 */
public final class CommandFold {
  private CommandFold() {}

  public static FoldedState fold(FoldInput in) {
    // Stable sort: comments with the same timestamp keep the forge's order.
    List<Comment> comments =
        in.comments().stream().sorted(Comparator.comparing(Comment::createdAt)).toList();
    Set<String> ignored = new LinkedHashSet<>();
    List<Vote> approveVotes = new ArrayList<>();
    List<Vote> lgtmVotes = new ArrayList<>();
    List<JobRequest> requests = new ArrayList<>();
    boolean hold = false;
    boolean okToTest = false;
    for (Comment c : comments) {
      List<Command> commands = CommandParser.parse(c.body());
      List<JobRequest> fromComment = new ArrayList<>();
      for (Command command : commands) {
        if (command instanceof Command.Hold h) {
          hold = h.on();
        } else if (command instanceof Command.OkToTest) {
          okToTest |= okToTest(in, c, ignored);
        } else if (command instanceof Command.Approve a) {
          approveVotes.add(commentVote(in, c, a.given()));
        } else if (command instanceof Command.Lgtm l) {
          lgtmVotes.add(commentVote(in, c, l.given()));
        } else if (command instanceof Command.Test t) {
          t.jobs().forEach(job -> fromComment.add(new JobRequest("", job, c.author(), false)));
        } else if (command instanceof Command.Retest) {
          fromComment.add(new JobRequest("", "", c.author(), true));
        } else if (command instanceof Command.Invalid i) {
          ignored.add("'" + i.line() + "' by " + c.author() + " ignored: " + i.reason());
        }
      }
      requests.addAll(withIds(c.id(), fromComment, in.acknowledged()));
    }
    in.reviews().stream()
        .map(r -> reviewVote(in, r))
        .flatMap(List::stream)
        .forEach(approveVotes::add);
    return new FoldedState(
        okToTest,
        hold,
        tally(in, approveVotes, "approve", ignored),
        tally(in, lgtmVotes, "lgtm", ignored),
        requests,
        List.copyOf(ignored));
  }

  private static boolean okToTest(FoldInput in, Comment c, Set<String> ignored) {
    boolean trusted = in.trustedUsers().stream().anyMatch(u -> same(u, c.author()));
    if (!trusted) {
      ignored.add("/ok-to-test by " + c.author() + " ignored: not trusted");
    }
    return trusted;
  }

  /*
   * Ids must be the same on every fold, because the planner acknowledges by id and a new id would
   * start the job again. A comment with one request keeps the plain comment id; with several, each
   * gets its position in the comment.
   */
  private static List<JobRequest> withIds(String id, List<JobRequest> found, Set<String> acked) {
    List<JobRequest> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      JobRequest r = found.get(i);
      String requestId = found.size() == 1 ? id : id + "#" + i;
      if (!acked.contains(requestId)) {
        out.add(new JobRequest(requestId, r.job(), r.by(), r.retest()));
      }
    }
    return out;
  }

  private static Vote commentVote(FoldInput in, Comment c, boolean given) {
    // Strictly after: with second-resolution timestamps, a comment in the same second as the push
    // may have been written against the old head.
    boolean stale =
        in.dismissOnPush()
            && in.headPushedAt() != null
            && !c.createdAt().isAfter(in.headPushedAt());
    return new Vote(
        c.author(), c.createdAt(), given, stale ? "given before the latest push" : null);
  }

  /** A review is a vote unless it only comments, which leaves an earlier approval standing. */
  private static List<Vote> reviewVote(FoldInput in, Review r) {
    if (r.state() == Review.State.COMMENTED) {
      return List.of();
    }
    boolean given = r.state() == Review.State.APPROVED;
    boolean stale = in.dismissOnPush() && !r.commitSha().equals(in.headSha());
    String why = stale ? "review of " + shortSha(r.commitSha()) + ", not the head" : null;
    return List.of(new Vote(r.author(), r.submittedAt(), given, why));
  }

  /** The newest vote of each user decides; the author's own votes never count. */
  private static List<String> tally(
      FoldInput in, List<Vote> votes, String what, Set<String> ignored) {
    Map<String, Vote> newest = new LinkedHashMap<>();
    votes.stream()
        .sorted(Comparator.comparing(Vote::at))
        .forEach(
            v -> {
              if (same(v.login(), in.author())) {
                // Only a vote the author gives is worth a word; withdrawing one is harmless.
                if (v.given()) {
                  ignored.add(v.login() + " cannot " + what + " their own change");
                }
              } else {
                newest.put(v.login().toLowerCase(Locale.ROOT), v);
              }
            });
    List<String> current = new ArrayList<>();
    for (Vote v : newest.values()) {
      if (v.given() && v.staleReason() != null) {
        ignored.add("/" + what + " by " + v.login() + " ignored: " + v.staleReason());
      } else if (v.given()) {
        current.add(v.login());
      }
    }
    return current.stream().distinct().sorted().toList();
  }

  // Forge logins are case-insensitive: "Alice" approving alice's change is still self-approval.
  private static boolean same(String a, String b) {
    return !a.isEmpty() && a.equalsIgnoreCase(b);
  }

  private static String shortSha(String sha) {
    return sha.isEmpty() ? "(unknown)" : sha.substring(0, Math.min(7, sha.length()));
  }

  private record Vote(String login, Instant at, boolean given, String staleReason) {}
}
