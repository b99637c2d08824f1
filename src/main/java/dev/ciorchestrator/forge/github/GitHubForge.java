package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.RequestId;
import dev.ciorchestrator.forge.hosted.ChangeTracker;
import dev.ciorchestrator.forge.hosted.ChangeView;
import dev.ciorchestrator.forge.hosted.MarkedComments;
import dev.ciorchestrator.forge.hosted.Mirror;
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
import java.util.regex.Pattern;

/**
 * One GitHub connection as a {@link Forge}: pull requests in; commit statuses, one summary comment,
 * labels, 👀 acknowledgements and merges out. GitHub's JSON never leaves this package.
 *
 * <p>Polling economy ({@link ChangeTracker}): the pull request list (conditional, 100 per page)
 * says when a pull request changed ({@code updated_at}, head, labels); only then, after one of our
 * own writes to it, or on the periodic full refresh, are its details asked again, and those
 * requests are conditional too. An unchanged repository therefore costs only 304s, which GitHub
 * does not count against the rate limit, and its listing returns the very same {@link ForgeChange}
 * instances.
 */
public final class GitHubForge implements Forge {
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  /** The settings of one connection the adapter itself reads. */
  public record Options(String bot, String cloneUrl, Path mirrorDir, Duration fullRefresh) {}

  private final String id;
  private final GitHubApi api;
  private final Options options;
  private final Function<String, Optional<Repository>> config;
  private final PullReader reader;
  private final ChangeTracker tracker;
  private final MarkedComments comments;
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();

  GitHubForge(
      String id,
      GitHubApi api,
      Membership membership,
      Options options,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    this.id = id;
    this.api = api;
    this.options = options;
    this.config = config;
    this.reader = new PullReader(api, membership, options.bot());
    this.tracker =
        new ChangeTracker(
            reader,
            new ChangeTracker.Options(GitHubApi.FORGE, options.bot(), options.fullRefresh()),
            clock);
    this.comments = new MarkedComments(new IssueComments(api), options.bot());
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

  @Override
  public synchronized Map<String, String> branches(String repo) throws IOException {
    check(repo);
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode b : api.getAll("/repos/" + repo + "/branches")) {
      String name = b.path("name").asText("");
      String sha = b.path("commit").path("sha").asText("");
      if (!name.isEmpty() && !sha.isEmpty() && !GitHubBatches.own(name)) {
        out.put(name, sha);
      }
    }
    mirror(repo).ensureHas(out.values());
    return out;
  }

  @Override
  public synchronized void setStatus(String repo, String sha, CommitStatus status)
      throws IOException {
    check(repo);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("state", status.state().wire());
    body.put("context", status.context());
    body.put("description", status.description());
    if (!status.targetUrl().isEmpty()) {
      body.put("target_url", status.targetUrl());
    }
    api.send("POST", "/repos/" + repo + "/statuses/" + sha, body, true);
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
    reader.writeLabel(repo, change, label, present);
    tracker.dirty(repo, change);
  }

  /**
   * A 👀 reaction by the bot on the request's comment: visible to people, and read back on the next
   * listing, so a restart does not serve the request again. GitHub answers an existing reaction
   * with 200, so repeating it is harmless. Acknowledging is per comment: the planner serves a
   * comment's requests together.
   */
  @Override
  public synchronized void acknowledge(String repo, long change, String requestId)
      throws IOException {
    check(repo);
    String commentId = RequestId.commentOf(requestId);
    if (!commentId.chars().allMatch(Character::isDigit) || commentId.isEmpty()) {
      throw new IOException("not a GitHub comment id: '" + requestId + "'");
    }
    if (tracker.acknowledged(repo, commentId)) {
      return;
    }
    api.send(
        "POST",
        "/repos/" + repo + "/issues/comments/" + commentId + "/reactions",
        Map.of("content", PullReader.EYES),
        true);
    tracker.acknowledgedNow(repo, commentId);
    tracker.dirty(repo, change);
  }

  /**
   * {@code PUT /pulls/{n}/merge} with the head SHA the gate saw; see {@link PullMerge}. {@code
   * fast-forward}, which GitHub's merge button lacks, moves the base branch to the head only if
   * that is a fast-forward.
   */
  @Override
  public synchronized MergeResult merge(
      String repo, long change, String headSha, MergeMethod method) throws IOException {
    check(repo);
    tracker.dirty(repo, change);
    return new PullMerge(api).merge(repo, change, headSha, method, tracker.current(repo, change));
  }

  /** Written in the mirror and pushed to a temporary branch; see {@link GitHubBatches}. */
  @Override
  public synchronized BatchBuild buildBatch(String repo, BatchKey batch, long number)
      throws IOException {
    check(repo);
    return new GitHubBatches(api, mirror(repo), repo).build(batch, number);
  }

  @Override
  public synchronized void dropBatch(String repo, String branch, long number) throws IOException {
    check(repo);
    new GitHubBatches(api, mirror(repo), repo).drop(branch, number);
  }

  /** Refused without a write unless every pull request is open here at the head it was tested. */
  @Override
  public synchronized MergeResult fastForwardBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    check(repo);
    for (BatchKey.Member m : batch.members()) {
      Optional<ForgeChange> known = tracker.current(repo, m.change());
      if (known.isEmpty()) {
        return MergeResult.refused("pull request #" + m.change() + " is not open here");
      }
      String head = known.get().state().change().headSha();
      if (!head.equals(m.headSha())) {
        return MergeResult.refused(
            "pull request #"
                + m.change()
                + " moved from "
                + Names.shortSha(m.headSha())
                + " to "
                + Names.shortSha(head));
      }
      tracker.dirty(repo, m.change());
    }
    return new GitHubBatches(api, mirror(repo), repo).fastForward(batch, commitSha);
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

  private Mirror mirror(String repo) {
    return mirrors.computeIfAbsent(
        repo,
        r ->
            new Mirror(
                options.mirrorDir().resolve(r + ".git"),
                options.cloneUrl().replace("{repo}", r),
                Mirror.PULL_HEADS,
                "x-access-token",
                api::gitToken));
  }

  private static void check(String repo) {
    if (!REPO.matcher(repo).matches() || repo.contains("..")) {
      throw new IllegalArgumentException(
          "not a GitHub repository name (owner/name): '" + repo + "'");
    }
  }

  /** How many times the repository's mirror fetched; for tests. */
  int fetches(String repo) {
    return mirror(repo).fetches();
  }

  /** GitHub's issue comments, for {@link MarkedComments}. */
  private record IssueComments(GitHubApi api) implements MarkedComments.Api {
    @Override
    public List<Comment> list(String repo, long change) throws IOException {
      return api.getAll("/repos/" + repo + "/issues/" + change + "/comments").stream()
          .map(PullJson::comment)
          .toList();
    }

    @Override
    public void post(String repo, long change, String body) throws IOException {
      api.send(
          "POST",
          "/repos/" + repo + "/issues/" + change + "/comments",
          Map.of("body", body),
          false);
    }

    @Override
    public boolean edit(String repo, long change, String commentId, String body)
        throws IOException {
      try {
        api.send(
            "PATCH",
            "/repos/" + repo + "/issues/comments/" + commentId,
            Map.of("body", body),
            true);
        return true;
      } catch (GitHubException e) {
        if (e.status() == 404) {
          return false;
        }
        throw e;
      }
    }
  }
}
