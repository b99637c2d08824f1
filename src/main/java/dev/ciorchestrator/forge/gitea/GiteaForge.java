package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.hosted.HostedForge;
import dev.ciorchestrator.forge.hosted.MarkedComments;
import dev.ciorchestrator.forge.hosted.Mirror;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.RestException;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One Gitea or Forgejo connection as a {@link Forge}: pull requests in; commit statuses ({@code
 * ci/<job>}, {@code ci/gate}), one summary comment, labels, 👀 reactions on served requests and
 * merges out. Gitea's JSON never leaves this package; the flow is {@link HostedForge}'s.
 */
public final class GiteaForge extends HostedForge {
  private final RestClient api;

  GiteaForge(
      String id,
      RestClient api,
      Trust trust,
      Options options,
      Mirror.Secret token,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    super(
        id,
        options,
        new Parts(
            GiteaDialect.FORGE,
            new PullRequestReader(api, trust, new Labels(api), options.bot()),
            new Comments(api),
            new GitAccess(Mirror.PULL_HEADS, "oauth2", token)),
        clock,
        config);
    this.api = api;
  }

  @Override
  protected void check(String repo) {
    Repos.check(repo);
  }

  @Override
  protected Map<String, String> listBranches(String repo) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode b : api.getAll(Repos.of(repo) + "/branches")) {
      out.put(b.path("name").asText(""), b.path("commit").path("id").asText(""));
    }
    return out;
  }

  @Override
  protected void writeStatus(String repo, String sha, CommitStatus status) throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("state", GiteaStatuses.write(status.state()));
    body.put("context", status.context());
    body.put("description", status.description());
    body.put("target_url", status.targetUrl());
    api.send("POST", Repos.of(repo) + "/statuses/" + sha, body, true);
  }

  /** An {@code eyes} reaction; Gitea answers 200 instead of 201 when it is there already. */
  @Override
  protected void react(String repo, long change, String commentId) throws IOException {
    api.send(
        "POST",
        Repos.of(repo) + "/issues/comments/" + commentId + "/reactions",
        Map.of("content", PullRequestReader.EYES),
        true);
  }

  @Override
  protected MergeResult mergeChange(String repo, long change, String headSha, MergeMethod method)
      throws IOException {
    return new GiteaMerge(api).merge(repo, change, headSha, method);
  }

  /**
   * A green batch is pushed to its branch (leased on the base, see {@link HostedForge}), then each
   * pull request is marked merged by that commit: Gitea does not notice a push merged them.
   */
  @Override
  protected MergeResult landBatch(String repo, BatchKey batch, String commitSha)
      throws IOException {
    MergeResult pushed = super.landBatch(repo, batch, commitSha);
    if (!pushed.merged()) {
      return pushed;
    }
    for (BatchKey.Member m : batch.members()) {
      MergeResult marked = new GiteaMerge(api).manuallyMerged(repo, m.change(), commitSha);
      if (!marked.merged()) {
        return marked;
      }
    }
    return pushed;
  }

  /** Gitea's issue comments, for {@link MarkedComments}. */
  private record Comments(RestClient api) implements MarkedComments.Api {
    @Override
    public List<Comment> list(String repo, long change) throws IOException {
      return api.getAll(Repos.of(repo) + "/issues/" + change + "/comments").stream()
          .map(PullRequestJson::comment)
          .toList();
    }

    @Override
    public void post(String repo, long change, String body) throws IOException {
      api.send(
          "POST", Repos.of(repo) + "/issues/" + change + "/comments", Map.of("body", body), false);
    }

    @Override
    public boolean edit(String repo, long change, String commentId, String body)
        throws IOException {
      try {
        api.send(
            "PATCH", Repos.of(repo) + "/issues/comments/" + commentId, Map.of("body", body), true);
        return true;
      } catch (RestException e) {
        if (e.status() == 404) {
          return false;
        }
        throw e;
      }
    }
  }
}
