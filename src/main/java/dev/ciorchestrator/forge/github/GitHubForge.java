package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.hosted.HostedForge;
import dev.ciorchestrator.forge.hosted.MarkedComments;
import dev.ciorchestrator.forge.hosted.Mirror;
import dev.ciorchestrator.forge.rest.RestClient;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One GitHub connection as a {@link Forge}: pull requests in; commit statuses, one summary comment,
 * labels, 👀 acknowledgements and merges out. GitHub's JSON never leaves this package; the flow is
 * {@link HostedForge}'s. Unchanged pull requests cost only 304s, which GitHub does not count
 * against the rate limit.
 */
public final class GitHubForge extends HostedForge {
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private final GitHubApi api;

  GitHubForge(
      String id,
      GitHubApi api,
      Membership membership,
      Options options,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    super(
        id,
        options,
        new Parts(
            GitHubApi.FORGE,
            new PullReader(api, membership, options.bot()),
            new IssueComments(api),
            new GitAccess(Mirror.PULL_HEADS, "x-access-token", api::gitToken)),
        clock,
        config);
    this.api = api;
  }

  @Override
  protected Map<String, String> listBranches(String repo) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode b : api.getAll("/repos/" + repo + "/branches")) {
      out.put(b.path("name").asText(""), b.path("commit").path("sha").asText(""));
    }
    return out;
  }

  @Override
  protected void writeStatus(String repo, String sha, CommitStatus status) throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("state", status.state().wire());
    body.put("context", status.context());
    body.put("description", status.description());
    if (!status.targetUrl().isEmpty()) {
      body.put("target_url", status.targetUrl());
    }
    api.send("POST", "/repos/" + repo + "/statuses/" + sha, body, true);
  }

  /** GitHub answers an existing reaction with 200, so repeating it is harmless. */
  @Override
  protected void react(String repo, long change, String commentId) throws IOException {
    api.send(
        "POST",
        "/repos/" + repo + "/issues/comments/" + commentId + "/reactions",
        Map.of("content", PullReader.EYES),
        true);
  }

  /**
   * {@code PUT /pulls/{n}/merge} with the head SHA the gate saw; see {@link PullMerge}. {@code
   * fast-forward}, which GitHub's merge button lacks, moves the base branch to the head only if
   * that is a fast-forward.
   */
  @Override
  protected MergeResult mergeChange(String repo, long change, String headSha, MergeMethod method)
      throws IOException {
    return new PullMerge(api).merge(repo, change, headSha, method, tracker().current(repo, change));
  }

  /**
   * {@code PATCH /git/refs/heads/<branch>} without force, which GitHub refuses unless it is a
   * fast-forward from the batch's base; GitHub then marks the pull requests merged itself.
   */
  @Override
  protected MergeResult landBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    RestClient.Reply r =
        api.send(
            "PATCH",
            "/repos/" + repo + "/git/refs/heads/" + batch.branch(),
            Map.of("sha", commitSha, "force", false),
            true,
            403,
            409,
            422);
    if (r.status() == 200) {
      return MergeResult.merged(
          commitSha, "fast-forwarded " + batch.branch() + " to " + Names.shortSha(commitSha));
    }
    String reason = api.reason(r.body());
    return MergeResult.refused(
        "GitHub answered "
            + r.status()
            + ": "
            + (reason.isEmpty() ? "not a fast-forward" : reason));
  }

  @Override
  protected void check(String repo) {
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
