package dev.ciorchestrator.forge.hosted;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.command.RequestId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The flow every hosted forge shares (GitHub, GitLab, Gitea/Forgejo): listing through {@link
 * ChangeTracker}, the summary and notes through {@link MarkedComments}, labels skipped when already
 * so, acknowledgements remembered, a bare {@link Mirror} for workspaces, and the merge queue's
 * batches as temporary branches ({@link HostedBatches}). An adapter adds only what its API says
 * differently: the branch listing, a status, a reaction, a merge, and its repository names.
 *
 * <p>Polling economy: the change list (conditional where the forge allows) says when a change
 * moved; only then, after one of our own writes to it, or on the periodic full refresh are its
 * details read again, so an unchanged repository returns the very same {@link ForgeChange}s.
 */
public abstract class HostedForge implements Forge {
  /** The settings of one connection the adapter itself reads. */
  public record Options(String bot, String cloneUrl, Path mirrorDir, Duration fullRefresh) {}

  /**
   * How the mirror reaches the forge's Git side.
   *
   * @param heads the refspec of the changes' heads ({@link Mirror#PULL_HEADS}, …)
   * @param user the user name the token is sent with over HTTPS
   */
  public record GitAccess(String heads, String user, Mirror.Secret token) {}

  /** What the hosted flow needs of one adapter besides its API calls. */
  public record Parts(
      String forge, ChangeSource source, MarkedComments.Api comments, GitAccess git) {}

  private final String id;
  private final Options options;
  private final Parts parts;
  private final Function<String, Optional<Repository>> config;
  private final ChangeTracker tracker;
  private final MarkedComments comments;
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();

  protected HostedForge(
      String id,
      Options options,
      Parts parts,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    this.id = id;
    this.options = options;
    this.parts = parts;
    this.config = config;
    this.tracker =
        new ChangeTracker(
            parts.source(),
            new ChangeTracker.Options(parts.forge(), options.bot(), options.fullRefresh()),
            clock);
    this.comments = new MarkedComments(parts.comments(), options.bot());
  }

  /** Refuses a repository name this forge cannot have, before it reaches a URL or a path. */
  protected abstract void check(String repo);

  /** Every branch and its tip, as the API lists them. */
  protected abstract Map<String, String> listBranches(String repo) throws IOException;

  /** Posts {@code status} on {@code sha}; the same status again must not fail. */
  protected abstract void writeStatus(String repo, String sha, CommitStatus status)
      throws IOException;

  /** Puts the bot's 👀 on comment {@code commentId} (digits); already there must not fail. */
  protected abstract void react(String repo, long change, String commentId) throws IOException;

  /** The forge's merge call, guarded by {@code headSha}. */
  protected abstract MergeResult mergeChange(
      String repo, long change, String headSha, MergeMethod method) throws IOException;

  protected final ChangeTracker tracker() {
    return tracker;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized List<ForgeChange> openChanges(String repo) throws IOException {
    check(repo);
    List<ForgeChange> open = tracker.open(repo, ChangeView.Policy.of(config, repo));
    mirror(repo).ensureHas(open.stream().map(fc -> fc.state().change().headSha()).toList());
    return open;
  }

  /** The branches, without the queue's own: no push trigger may see those. */
  @Override
  public synchronized Map<String, String> branches(String repo) throws IOException {
    check(repo);
    Map<String, String> out = new LinkedHashMap<>();
    listBranches(repo)
        .forEach(
            (name, sha) -> {
              if (!name.isEmpty() && !sha.isEmpty() && !HostedBatches.own(name)) {
                out.put(name, sha);
              }
            });
    mirror(repo).ensureHas(out.values());
    return out;
  }

  @Override
  public synchronized void setStatus(String repo, String sha, CommitStatus status)
      throws IOException {
    check(repo);
    writeStatus(repo, sha, status);
    tracker.dirtyHead(repo, sha);
  }

  /** Edits the summary comment found by its marker, or creates it; see {@link MarkedComments}. */
  @Override
  public synchronized void upsertSummary(String repo, long change, String body) throws IOException {
    check(repo);
    comments.upsertSummary(tracker, repo, change, body);
  }

  /** As the summary, without a remembered id: notes are rare, so a fresh look costs little. */
  @Override
  public synchronized void comment(String repo, long change, String key, String body)
      throws IOException {
    check(repo);
    comments.note(tracker, repo, change, key, body);
  }

  @Override
  public synchronized void setLabel(String repo, long change, String label, boolean present)
      throws IOException {
    check(repo);
    if (tracker.labelled(repo, change, label, present)) {
      return;
    }
    parts.source().writeLabel(repo, change, label, present);
    tracker.dirty(repo, change);
  }

  /**
   * The bot's 👀 on the request's comment: visible to people, and read back on the next listing, so
   * a restart does not serve the request again. Acknowledging is per comment: the planner serves a
   * comment's requests together.
   */
  @Override
  public synchronized void acknowledge(String repo, long change, String requestId)
      throws IOException {
    check(repo);
    String commentId = RequestId.commentOf(requestId);
    if (commentId.isEmpty() || !commentId.chars().allMatch(Character::isDigit)) {
      throw new IOException("not a " + parts.forge() + " comment id: '" + requestId + "'");
    }
    if (tracker.acknowledged(repo, commentId)) {
      return;
    }
    react(repo, change, commentId);
    tracker.acknowledgedNow(repo, commentId);
    tracker.dirty(repo, change);
  }

  @Override
  public synchronized MergeResult merge(
      String repo, long change, String headSha, MergeMethod method) throws IOException {
    check(repo);
    tracker.dirty(repo, change);
    return mergeChange(repo, change, headSha, method);
  }

  /** Written in the mirror and pushed to a temporary branch; see {@link HostedBatches}. */
  @Override
  public synchronized BatchBuild buildBatch(String repo, BatchKey batch, long number)
      throws IOException {
    check(repo);
    return new HostedBatches(mirror(repo)).build(batch, number);
  }

  @Override
  public synchronized void dropBatch(String repo, String branch, long number) throws IOException {
    check(repo);
    new HostedBatches(mirror(repo)).drop(branch, number);
  }

  /** Refused without a write unless every change is open here at the head it was tested. */
  @Override
  public synchronized MergeResult fastForwardBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    check(repo);
    for (BatchKey.Member m : batch.members()) {
      Optional<ForgeChange> known = tracker.current(repo, m.change());
      if (known.isEmpty()) {
        return MergeResult.refused("change #" + m.change() + " is not open here");
      }
      String head = known.get().state().change().headSha();
      if (!head.equals(m.headSha())) {
        return MergeResult.refused(
            "change #"
                + m.change()
                + " moved from "
                + Names.shortSha(m.headSha())
                + " to "
                + Names.shortSha(head));
      }
      tracker.dirty(repo, m.change());
    }
    return landBatch(repo, batch, commitSha);
  }

  /**
   * Moves the batch's branch from its base to {@code commitSha}. By default a Git push from the
   * mirror leased on the base (the forge refuses it if the branch moved), after which the forge
   * marks the changes merged as it does for any push that contains them; an adapter whose API can
   * move a branch itself, or must be told, overrides it.
   */
  protected MergeResult landBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    return new HostedBatches(mirror(repo)).fastForward(batch, commitSha);
  }

  @Override
  public Optional<String> cloneUrl(String repo) {
    return Optional.of(options.cloneUrl().replace("{repo}", repo));
  }

  /** The repository's bare mirror, created on first use; fetched when listings need new SHAs. */
  @Override
  public Path checkout(String repo) throws IOException {
    check(repo);
    return mirror(repo).ensure();
  }

  protected final Mirror mirror(String repo) {
    return mirrors.computeIfAbsent(
        repo,
        r ->
            new Mirror(
                options.mirrorDir().resolve(r + ".git"),
                options.cloneUrl().replace("{repo}", r),
                parts.git().heads(),
                parts.git().user(),
                parts.git().token()));
  }
}
