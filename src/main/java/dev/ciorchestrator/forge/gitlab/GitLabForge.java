package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
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
 * One GitLab connection as a {@link Forge}: merge requests in; commit statuses ({@code ci/<job>},
 * {@code ci/gate}), one summary note, labels, 👀 emoji on served requests and merges out. GitLab's
 * JSON never leaves this package; the flow all hosted forges share is {@link HostedForge}'s.
 */
public final class GitLabForge extends HostedForge {
  private final RestClient api;
  private final MergeRequestReader reader;

  GitLabForge(
      String id,
      RestClient api,
      ProjectMembers members,
      Options options,
      Mirror.Secret token,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    this(
        id,
        api,
        new MergeRequestReader(api, members, options.bot()),
        options,
        token,
        clock,
        config);
  }

  private GitLabForge(
      String id,
      RestClient api,
      MergeRequestReader reader,
      Options options,
      Mirror.Secret token,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    super(
        id,
        options,
        new Parts(
            GitLabDialect.FORGE,
            reader,
            new Notes(api),
            new GitAccess(Mirror.MERGE_REQUEST_HEADS, "oauth2", token)),
        clock,
        config);
    this.api = api;
    this.reader = reader;
  }

  @Override
  protected void check(String repo) {
    Projects.check(repo);
  }

  @Override
  protected Map<String, String> listBranches(String repo) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode b : api.getAll(Projects.of(repo) + "/repository/branches")) {
      out.put(b.path("name").asText(""), b.path("commit").path("id").asText(""));
    }
    return out;
  }

  /**
   * {@code POST /projects/:id/statuses/:sha}, {@code name} being the context; to a fork's merge
   * request's source project, with its branch as {@code ref}. The same state again is answered 400
   * "Cannot transition status": it is so already, which is what was asked.
   */
  @Override
  protected void writeStatus(String repo, String sha, CommitStatus status) throws IOException {
    Optional<MergeRequestReader.Head> head = reader.head(repo, sha);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("state", GitLabStatuses.write(status));
    body.put("name", status.context());
    body.put("description", status.description());
    if (!status.targetUrl().isEmpty()) {
      body.put("target_url", status.targetUrl());
    }
    head.ifPresent(h -> body.put("ref", h.ref()));
    String project = head.map(h -> Projects.of(h.projectId())).orElse(Projects.of(repo));
    try {
      api.send("POST", project + "/statuses/" + sha, body, true);
    } catch (RestException e) {
      if (e.status() != 400 || !GitLabStatuses.alreadySo(e.reason())) {
        throw e;
      }
    }
  }

  /**
   * An {@code eyes} emoji on the request's note. GitLab refuses a second one with a 404; then the
   * emoji list says whether it is ours already.
   */
  @Override
  protected void react(String repo, long change, String noteId) throws IOException {
    String path =
        Projects.of(repo) + "/merge_requests/" + change + "/notes/" + noteId + "/award_emoji";
    try {
      api.send("POST", path, Map.of("name", MergeRequestReader.EYES), true);
    } catch (RestException e) {
      if (e.status() != 404 || !reader.acknowledged(repo, change, noteId)) {
        throw e;
      }
    }
  }

  @Override
  protected MergeResult mergeChange(String repo, long change, String headSha, MergeMethod method)
      throws IOException {
    return new GitLabMerge(api)
        .merge(repo, change, headSha, method, reader.mergeStatus(repo, change));
  }

  /** GitLab's merge request notes, for {@link MarkedComments}. */
  private record Notes(RestClient api) implements MarkedComments.Api {
    private static String path(String repo, long change) {
      return Projects.of(repo) + "/merge_requests/" + change + "/notes";
    }

    @Override
    public List<Comment> list(String repo, long change) throws IOException {
      return api.getAll(path(repo, change) + "?sort=asc&order_by=created_at").stream()
          .filter(n -> !n.path("system").asBoolean(false))
          .map(MergeRequestJson::comment)
          .toList();
    }

    @Override
    public void post(String repo, long change, String body) throws IOException {
      api.send("POST", path(repo, change), Map.of("body", body), false);
    }

    @Override
    public boolean edit(String repo, long change, String noteId, String body) throws IOException {
      try {
        api.send("PUT", path(repo, change) + "/" + noteId, Map.of("body", body), true);
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
