package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.Review;
import dev.ciorchestrator.forge.local.LocalChange.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The state of the embedded local forge: every repository's changes, in one JSON file.
 *
 * <p>Each update runs under one lock, writes the next state atomically and only then publishes it
 * in memory, so a failed write leaves both the file and this instance at the previous state. A new
 * instance on the same file sees everything earlier instances wrote. Invalid input is refused with
 * an {@link IllegalArgumentException} naming the field; a failed write is an {@link IOException}.
 *
 * <p>Group commit: writes made inside {@link #deferred} are published at once but saved only by the
 * next {@link #flush} (or the next ordinary write, which saves the whole state). The controller's
 * own writes use it (statuses, the summary, acknowledgements), because it derives them again from
 * the forge and the run records on every pass: losing them in a crash costs one more pass, while
 * saving the whole file once per write would cost a full rewrite per status. A person's writes
 * through the API are never deferred.
 */
public final class LocalForgeStore {
  private final Object lock = new Object();
  private final StateFile file;
  private final Clock clock;
  private ForgeState state; // guarded by lock
  private boolean dirty; // guarded by lock: state holds deferred writes the file lacks
  private final ThreadLocal<Boolean> deferring = ThreadLocal.withInitial(() -> false);

  /** A store operation that may fail to write. */
  public interface Write<T> {
    T call() throws IOException;
  }

  /** Loads {@code stateFile}; a missing file is an empty forge, a damaged one an error. */
  public LocalForgeStore(Path stateFile) throws IOException {
    this(stateFile, Clock.systemUTC());
  }

  /** As {@link #LocalForgeStore(Path)}; {@code clock} stamps operations that take no time. */
  public LocalForgeStore(Path stateFile, Clock clock) throws IOException {
    this.file = new StateFile(stateFile);
    this.clock = clock;
    this.state = file.load();
  }

  /**
   * Opens a change under the next number of {@code repo}; numbers start at 1, never reused. A
   * source branch has at most one open change, as on a hosted forge: a second is a {@link
   * ChangeConflict} naming the first, since both would always share one head.
   */
  public LocalChange open(
      String repo,
      String title,
      String author,
      String sourceBranch,
      String targetBranch,
      boolean draft,
      String headSha,
      Instant now)
      throws IOException {
    Check.repo(repo);
    Check.text("title", title);
    Check.text("author", author);
    Check.text("sourceBranch", sourceBranch);
    Check.text("targetBranch", targetBranch);
    Check.sha("headSha", headSha);
    Check.time(now);
    if (sourceBranch.equals(targetBranch)) {
      throw new IllegalArgumentException("sourceBranch must differ from targetBranch");
    }
    synchronized (lock) {
      Optional<LocalChange> same = openFrom(repo, sourceBranch);
      if (same.isPresent()) {
        throw new ChangeConflict(
            "sourceBranch",
            "branch " + sourceBranch + " already has an open change: " + same.get().ref());
      }
      long number = state.repo(repo).lastNumber() + 1;
      LocalChange change =
          new LocalChange(
              number,
              repo,
              title,
              author,
              sourceBranch,
              targetBranch,
              draft,
              State.OPEN,
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              headSha,
              now,
              now,
              now,
              "");
      return commit(state.put(change), change);
    }
  }

  /** Adds a comment with a new id {@code c<seq>}, unique across the whole forge. */
  public LocalChange comment(String repo, long number, String author, String body, Instant now)
      throws IOException {
    Check.text("author", author);
    Check.text("body", body);
    Check.time(now);
    synchronized (lock) {
      long id = state.lastCommentId() + 1;
      LocalChange next =
          requireOpen(repo, number).withComment(new Comment("c" + id, author, body, now));
      return commit(state.withCommentId(id).put(next), next);
    }
  }

  /**
   * Replaces the text of comment {@code commentId}; the same text again is a no-op. Allowed on
   * closed and merged changes, as {@link #acknowledge} is: the controller may report just after the
   * change closed.
   */
  public LocalChange editComment(
      String repo, long number, String commentId, String body, Instant now) throws IOException {
    Check.text("commentId", commentId);
    Check.text("body", body);
    Check.time(now);
    synchronized (lock) {
      LocalChange current = require(repo, number);
      Comment comment =
          current.comments().stream()
              .filter(c -> c.id().equals(commentId))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "commentId " + commentId + " is not a comment of " + current.ref()));
      if (comment.body().equals(body)) {
        return current;
      }
      LocalChange next = current.withCommentBody(commentId, body, now);
      return commit(state.put(next), next);
    }
  }

  /**
   * Edits the first comment by {@code author} whose body starts with {@code marker}, or adds one
   * when there is none, under one lock: two callers can never both find none and add two.
   *
   * @param body the whole text, starting with {@code marker}
   */
  public LocalChange upsertComment(
      String repo, long number, String author, String marker, String body, Instant now)
      throws IOException {
    Check.text("marker", marker);
    if (body == null || !body.startsWith(marker)) {
      throw new IllegalArgumentException("body must start with " + marker);
    }
    synchronized (lock) {
      Optional<Comment> existing = marked(require(repo, number), author, marker);
      return existing.isPresent()
          ? editComment(repo, number, existing.get().id(), body, now)
          : comment(repo, number, author, body, now);
    }
  }

  /** The first comment by {@code author} (any case) whose body starts with {@code marker}. */
  static Optional<Comment> marked(LocalChange change, String author, String marker) {
    return change.comments().stream()
        .filter(c -> c.author().equalsIgnoreCase(author) && c.body().startsWith(marker))
        .findFirst();
  }

  /**
   * Sets {@code status} on commit {@code sha} of {@code repo}, replacing the one of the same
   * context; an equal status is a no-op and writes nothing. Only the newest {@value
   * ForgeState#MAX_STATUS_SHAS} commits per repository keep statuses (heads of open changes always
   * do), so the state file stays bounded.
   */
  public void setStatus(String repo, String sha, CommitStatus status) throws IOException {
    Check.repo(repo);
    Check.sha("sha", sha);
    Check.notNull("status", status);
    synchronized (lock) {
      if (status.equals(
          state.repo(repo).statuses().getOrDefault(sha, Map.of()).get(status.context()))) {
        return;
      }
      commit(state.withStatus(repo, sha, status), null);
    }
  }

  /** The statuses on commit {@code sha} of {@code repo}, by context (sorted); empty when none. */
  public Map<String, CommitStatus> statuses(String repo, String sha) {
    return snapshot(repo).statuses().getOrDefault(sha, Map.of());
  }

  /**
   * The repository's whole state as one immutable value; a new instance after every write to it, so
   * an unchanged instance means nothing about the repository changed.
   */
  ForgeState.Repo snapshot(String repo) {
    Check.repo(repo);
    synchronized (lock) {
      return state.repo(repo);
    }
  }

  /**
   * Records a review of {@code commitSha}, which need not be the current head (a stale review); a
   * null {@code commitSha} reviews the head the change has when the review is recorded.
   */
  public LocalChange review(
      String repo, long number, String author, Review.State review, String commitSha, Instant now)
      throws IOException {
    Check.text("author", author);
    Check.notNull("state", review);
    if (commitSha != null) {
      Check.sha("commitSha", commitSha);
    }
    Check.time(now);
    return update(
        repo,
        number,
        c ->
            c.withReview(
                new Review(author, review, commitSha == null ? c.headSha() : commitSha, now)));
  }

  /** Adds the label when {@code present}, removes it otherwise; a no-op when already so. */
  public LocalChange label(String repo, long number, String label, boolean present)
      throws IOException {
    Check.text("label", label);
    synchronized (lock) {
      LocalChange current = requireOpen(repo, number);
      if (current.labels().contains(label) == present) {
        return current;
      }
      List<String> labels = new ArrayList<>(current.labels());
      if (present) {
        labels.add(label);
      } else {
        labels.remove(label);
      }
      LocalChange next = current.withLabels(labels, clock.instant());
      return commit(state.put(next), next);
    }
  }

  /**
   * A push to the source branch. Pushing the current head again changes nothing: moving {@code
   * headPushedAt} would dismiss approvals of a commit that did not change.
   */
  public LocalChange setHead(String repo, long number, String sha, Instant now) throws IOException {
    Check.sha("sha", sha);
    Check.time(now);
    synchronized (lock) {
      LocalChange current = requireOpen(repo, number);
      if (current.headSha().equals(sha)) {
        return current;
      }
      LocalChange next = current.withHead(sha, now);
      return commit(state.put(next), next);
    }
  }

  /**
   * Marks a command request as served; idempotent. Allowed on closed and merged changes too: the
   * controller may serve a request just before the change closes, and a refusal here would make it
   * retry that acknowledgement forever.
   */
  public LocalChange acknowledge(String repo, long number, String requestId) throws IOException {
    Check.text("requestId", requestId);
    synchronized (lock) {
      LocalChange current = require(repo, number);
      if (current.acknowledged().contains(requestId)) {
        return current;
      }
      LocalChange next = current.withAcknowledged(requestId);
      return commit(state.put(next), next);
    }
  }

  /** Closes an open change without merging; closing a closed change again is a no-op. */
  public LocalChange close(String repo, long number) throws IOException {
    synchronized (lock) {
      LocalChange current = require(repo, number);
      if (current.state() == State.CLOSED) {
        return current;
      }
      LocalChange next = requireOpen(repo, number).withState(State.CLOSED, "", clock.instant());
      return commit(state.put(next), next);
    }
  }

  /**
   * Records that {@code mergeSha} merged the change. Repeating it with the same SHA is a no-op, so
   * a merger that crashed after this call but before noting it can safely call it again.
   */
  public LocalChange markMerged(String repo, long number, String mergeSha) throws IOException {
    Check.sha("mergeSha", mergeSha);
    synchronized (lock) {
      LocalChange current = require(repo, number);
      if (current.state() == State.MERGED && current.mergeSha().equals(mergeSha)) {
        return current;
      }
      LocalChange next =
          requireOpen(repo, number).withState(State.MERGED, mergeSha, clock.instant());
      return commit(state.put(next), next);
    }
  }

  public Optional<LocalChange> get(String repo, long number) {
    Check.repo(repo);
    synchronized (lock) {
      return state.repo(repo).get(number);
    }
  }

  /** The open changes of {@code repo}, ordered by number. */
  public List<LocalChange> open(String repo) {
    return all(repo).stream().filter(c -> c.state() == State.OPEN).toList();
  }

  /** Every change of {@code repo}, open, merged or closed, ordered by number. */
  public List<LocalChange> all(String repo) {
    Check.repo(repo);
    synchronized (lock) {
      return List.copyOf(state.repo(repo).changes());
    }
  }

  /** Every repository that has had a change, sorted by name. */
  public List<String> repos() {
    synchronized (lock) {
      return List.copyOf(state.repos().keySet());
    }
  }

  private LocalChange update(String repo, long number, UnaryOperator<LocalChange> change)
      throws IOException {
    synchronized (lock) {
      LocalChange next = change.apply(requireOpen(repo, number));
      return commit(state.put(next), next);
    }
  }

  private LocalChange require(String repo, long number) {
    Check.repo(repo);
    if (number < 1) {
      throw new IllegalArgumentException("number must be positive: " + number);
    }
    return state
        .repo(repo)
        .get(number)
        .orElseThrow(() -> new IllegalArgumentException("no change " + repo + "#" + number));
  }

  private LocalChange requireOpen(String repo, long number) {
    LocalChange change = require(repo, number);
    if (change.state() != State.OPEN) {
      throw new ChangeConflict(
          "", "change " + change.ref() + " is " + change.state().name().toLowerCase(Locale.ROOT));
    }
    return change;
  }

  private Optional<LocalChange> openFrom(String repo, String sourceBranch) {
    return state.repo(repo).changes().stream()
        .filter(c -> c.state() == State.OPEN && c.sourceBranch().equals(sourceBranch))
        .findFirst();
  }

  /** Runs {@code write} on this thread with its store writes deferred until {@link #flush}. */
  public <T> T deferred(Write<T> write) throws IOException {
    boolean outer = deferring.get();
    deferring.set(true);
    try {
      return write.call();
    } finally {
      deferring.set(outer);
    }
  }

  /** Saves deferred writes; a no-op when there are none. */
  public void flush() throws IOException {
    synchronized (lock) {
      if (dirty) {
        file.save(state);
        dirty = false;
      }
    }
  }

  // Persist first, publish second: if the write fails, readers never saw a state the file lacks.
  // A deferred write publishes first; the next save (of the whole state) persists it.
  private LocalChange commit(ForgeState next, LocalChange result) throws IOException {
    if (deferring.get()) {
      state = next;
      dirty = true;
      return result;
    }
    file.save(next);
    state = next;
    dirty = false;
    return result;
  }
}
