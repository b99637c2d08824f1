package dev.ciorchestrator.forge.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code /approve} or {@code /lgtm} votes of one change: the newest vote of each user decides,
 * the author's own never counts, and with {@code dismissOnPush} one given for an earlier head is
 * not counted (with a note saying so).
 */
final class Votes {
  private record Vote(String login, Instant at, boolean given, String staleReason) {}

  private final FoldInput in;
  private final String what;
  private final List<Vote> votes = new ArrayList<>();

  Votes(FoldInput in, String what) {
    this.in = in;
    this.what = what;
  }

  /** A comment's vote; the author's own is refused by the caller and never gets here. */
  void comment(Comment c, boolean given) {
    boolean stale = in.dismissOnPush() && in.beforePush(c.createdAt());
    votes.add(
        new Vote(c.author(), c.createdAt(), given, stale ? "given before the latest push" : null));
  }

  /** A review is a vote unless it only comments, which leaves an earlier approval standing. */
  void review(Review r) {
    if (r.state() == Review.State.COMMENTED) {
      return;
    }
    boolean given = r.state() == Review.State.APPROVED;
    // A forge that does not say which commit an approval saw (GitLab) is judged by its time.
    boolean byTime = r.commitSha().isEmpty();
    boolean stale =
        in.dismissOnPush()
            && (byTime ? in.beforePush(r.submittedAt()) : !r.commitSha().equals(in.headSha()));
    String why =
        !stale
            ? null
            : byTime
                ? "given before the latest push"
                : "review of " + shortSha(r.commitSha()) + ", not the head";
    votes.add(new Vote(r.author(), r.submittedAt(), given, why));
  }

  /** The logins whose newest vote is a current one, sorted; why the others do not count. */
  List<String> tally(List<String> notes) {
    Map<String, Vote> newest = new LinkedHashMap<>();
    votes.stream()
        .sorted(Comparator.comparing(Vote::at))
        .forEach(
            v -> {
              if (in.isAuthor(v.login())) {
                // Only a vote the author gives is worth a word; withdrawing one is harmless.
                if (v.given()) {
                  notes.add(v.login() + " cannot " + what + " their own change");
                }
              } else {
                newest.put(v.login().toLowerCase(Locale.ROOT), v);
              }
            });
    List<String> current = new ArrayList<>();
    for (Vote v : newest.values()) {
      if (v.given() && v.staleReason() != null) {
        notes.add("/" + what + " by " + v.login() + " is not counted: " + v.staleReason());
      } else if (v.given()) {
        current.add(v.login());
      }
    }
    return current.stream().distinct().sorted().toList();
  }

  private static String shortSha(String sha) {
    return sha.substring(0, Math.min(7, sha.length()));
  }
}
