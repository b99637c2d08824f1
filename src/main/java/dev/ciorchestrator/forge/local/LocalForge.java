package dev.ciorchestrator.forge.local;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.forge.MergeResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The embedded local forge as a {@link Forge}: changes from the {@link LocalForgeStore}, commits
 * from the repositories under {@code reposDir} ({@link LocalRepos}).
 *
 * <p>Construct it with the repository config it needs to fold commands: {@code config} answers the
 * {@code kind: Repository} for {@code owner/name} (trusted users, {@code dismissOnPush}), normally
 * from the running config snapshot; an unknown repository folds with nobody trusted and approvals
 * dismissed on push, the safe side. It is asked on every {@link #openChanges}, so a config sync
 * takes effect on the next listing without rebuilding the forge.
 *
 * <p>Listing caches: the same {@link ForgeChange} comes back while the stored change, the target
 * tip, the head's statuses and the repository config are unchanged; the store replaces a change's
 * record on every write, so identity tells. Git facts (a trial merge) are cached by (target tip,
 * head), so a summary or status write never redoes a merge.
 */
public final class LocalForge implements Forge {
  /** The {@code Repository.forge} id of the embedded forge. */
  public static final String ID = "local";

  /** Starts the body of the one summary comment per change; hidden when rendered. */
  public static final String SUMMARY_MARKER = Markers.SUMMARY;

  private final LocalForgeStore store;
  private final Path reposDir;
  private final String bot;
  private final Clock clock;
  private final ChangeCache cache;

  public LocalForge(
      LocalForgeStore store,
      Path reposDir,
      String bot,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    Check.text("bot", bot);
    this.store = store;
    this.reposDir = reposDir;
    this.bot = bot;
    this.clock = clock;
    this.cache = new ChangeCache(store, bot, clock, config);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * The open changes, each with its head moved to its source branch's tip first: a push to the
   * branch is what moves a change's head on a forge (and dismisses approvals when configured).
   *
   * @throws IOException when the repository is missing or unreadable
   */
  @Override
  public List<ForgeChange> openChanges(String repo) throws IOException {
    Path gitDir = LocalRepos.gitDir(reposDir, repo);
    return cache.list(repo, gitDir, Branches.read(gitDir));
  }

  @Override
  public Map<String, String> branches(String repo) throws IOException {
    return Branches.read(LocalRepos.gitDir(reposDir, repo));
  }

  @Override
  public void setStatus(String repo, String sha, CommitStatus status) throws IOException {
    store.deferred(
        () -> {
          store.setStatus(repo, sha, status);
          return null;
        });
  }

  /**
   * {@code body} without the marker; it is stored after {@link #SUMMARY_MARKER} as the bot's
   * comment. A closed or merged change can have its summary edited but gets no new one.
   */
  @Override
  public void upsertSummary(String repo, long change, String body) throws IOException {
    store.deferred(
        () ->
            store.upsertComment(
                repo,
                change,
                bot,
                SUMMARY_MARKER,
                Markers.body(SUMMARY_MARKER, body),
                clock.instant()));
  }

  @Override
  public void setLabel(String repo, long change, String label, boolean present) throws IOException {
    store.deferred(() -> store.label(repo, change, label, present));
  }

  /** Stored after its {@link Markers#note} as the bot's comment; see {@link Forge#comment}. */
  @Override
  public void comment(String repo, long change, String key, String body) throws IOException {
    String marker = Markers.note(key);
    store.deferred(
        () ->
            store.upsertComment(
                repo, change, bot, marker, Markers.body(marker, body), clock.instant()));
  }

  @Override
  public void acknowledge(String repo, long change, String requestId) throws IOException {
    store.deferred(() -> store.acknowledge(repo, change, requestId));
  }

  /** The controller's writes above are group-committed; this saves them. */
  @Override
  public void flush() throws IOException {
    store.flush();
  }

  /**
   * Merges with JGit in the forge's repository; see {@link LocalMerge}. Refuses, writing nothing,
   * when the change is not open, when the stored head or the source branch tip is not {@code
   * headSha}, on a conflict, or when the target moved meanwhile. A change the target already
   * contains is marked merged instead of merged again.
   */
  @Override
  public MergeResult merge(String repo, long change, String headSha, MergeMethod method)
      throws IOException {
    store.flush(); // the merge and its record must not overtake the writes before it
    return new LocalMerge(store, LocalRepos.gitDir(reposDir, repo), bot, clock)
        .merge(repo, change, headSha, method);
  }

  /** Written into the forge's own repository; see {@link LocalBatches}. */
  @Override
  public BatchBuild buildBatch(String repo, BatchKey batch, long number) throws IOException {
    return batches(repo).build(batch, number);
  }

  @Override
  public void dropBatch(String repo, String branch, long number) throws IOException {
    batches(repo).drop(branch, number);
  }

  @Override
  public MergeResult fastForwardBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    return batches(repo).fastForward(batch, commitSha);
  }

  /** A real compare-and-set: the target's update itself expects {@code expectedBase}. */
  @Override
  public MergeResult mergeOnto(
      String repo,
      long change,
      String headSha,
      MergeMethod method,
      String branch,
      String expectedBase)
      throws IOException {
    store.flush();
    MergeResult refused = targetCheck(repo, change, branch);
    if (refused != null) {
      return refused;
    }
    return new LocalMerge(store, LocalRepos.gitDir(reposDir, repo), bot, clock)
        .merge(repo, change, headSha, method, expectedBase);
  }

  /** A batch merges into its own branch only; a change retargeted meanwhile is refused. */
  private MergeResult targetCheck(String repo, long change, String branch) {
    return store
        .get(repo, change)
        .filter(c -> !c.targetBranch().equals(branch))
        .map(c -> MergeResult.refused(c.ref() + " now targets " + c.targetBranch()))
        .orElse(null);
  }

  private LocalBatches batches(String repo) throws IOException {
    return new LocalBatches(store, LocalRepos.gitDir(reposDir, repo), bot, clock);
  }

  /** The repository's folder, bare or a working tree. */
  @Override
  public Optional<String> cloneUrl(String repo) {
    return Optional.of(LocalRepos.path(reposDir, repo).toString());
  }

  /** The repository's path under {@code reposDir} (bare, or a working tree). */
  @Override
  public Path checkout(String repo) throws IOException {
    LocalRepos.gitDir(reposDir, repo); // names the path when it is missing
    return LocalRepos.path(reposDir, repo);
  }

  /**
   * Whether {@code sha} is a commit of {@code repo}; for the API, which refuses a head the
   * repository does not have.
   *
   * @throws IOException when the repository is missing or unreadable
   */
  public boolean hasCommit(String repo, String sha) throws IOException {
    if (!ObjectId.isId(sha)) {
      return false;
    }
    try (org.eclipse.jgit.lib.Repository git = Branches.open(LocalRepos.gitDir(reposDir, repo));
        RevWalk walk = new RevWalk(git)) {
      walk.parseCommit(ObjectId.fromString(sha));
      return true;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    }
  }

  /** The summary text of a stored change, without the marker; empty when it has none. */
  static String summary(LocalChange change, String bot) {
    return LocalForgeStore.marked(change, bot, SUMMARY_MARKER)
        .map(c -> Markers.text(SUMMARY_MARKER, c.body()))
        .orElse("");
  }
}
