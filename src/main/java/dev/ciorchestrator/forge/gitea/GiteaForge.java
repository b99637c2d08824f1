package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.forge.command.Comment;
import dev.ciorchestrator.forge.command.RequestId;
import dev.ciorchestrator.forge.hosted.ChangeTracker;
import dev.ciorchestrator.forge.hosted.ChangeView;
import dev.ciorchestrator.forge.hosted.MarkedComments;
import dev.ciorchestrator.forge.hosted.Mirror;
import dev.ciorchestrator.forge.rest.RestClient;
import dev.ciorchestrator.forge.rest.RestException;
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
 * One Gitea or Forgejo connection as a {@link Forge}: pull requests in; commit statuses ({@code
 * ci/<job>}, {@code ci/gate}), one summary comment, labels, 👀 reactions on served requests and
 * merges out. Gitea's JSON never leaves this package; what hosted forges share is {@link
 * ChangeTracker}'s.
 */
public final class GiteaForge implements Forge {
  /** The settings of one connection the adapter itself reads. */
  public record Options(String bot, String cloneUrl, Path mirrorDir, Duration fullRefresh) {}

  private final String id;
  private final RestClient api;
  private final Options options;
  private final Function<String, Optional<Repository>> config;
  private final PullRequestReader reader;
  private final ChangeTracker tracker;
  private final MarkedComments comments;
  private final Mirror.Secret token;
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();

  GiteaForge(
      String id,
      RestClient api,
      Trust trust,
      Options options,
      Mirror.Secret token,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    this.id = id;
    this.api = api;
    this.options = options;
    this.token = token;
    this.config = config;
    this.reader = new PullRequestReader(api, trust, new Labels(api), options.bot());
    this.tracker =
        new ChangeTracker(
            reader,
            new ChangeTracker.Options(GiteaDialect.FORGE, options.bot(), options.fullRefresh()),
            clock);
    this.comments = new MarkedComments(new Comments(api), options.bot());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized List<ForgeChange> openChanges(String repo) throws IOException {
    Repos.check(repo);
    List<ForgeChange> open = tracker.open(repo, ChangeView.Policy.of(config, repo));
    mirror(repo).ensureHas(open.stream().map(fc -> fc.state().change().headSha()).toList());
    return open;
  }

  @Override
  public synchronized Map<String, String> branches(String repo) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode b : api.getAll(Repos.of(repo) + "/branches")) {
      String name = b.path("name").asText("");
      String sha = b.path("commit").path("id").asText("");
      if (!name.isEmpty() && !sha.isEmpty()) {
        out.put(name, sha);
      }
    }
    mirror(repo).ensureHas(out.values());
    return out;
  }

  @Override
  public synchronized void setStatus(String repo, String sha, CommitStatus status)
      throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("state", GiteaStatuses.write(status.state()));
    body.put("context", status.context());
    body.put("description", status.description());
    body.put("target_url", status.targetUrl());
    api.send("POST", Repos.of(repo) + "/statuses/" + sha, body, true);
    tracker.dirtyHead(repo, sha);
  }

  @Override
  public synchronized void upsertSummary(String repo, long change, String body) throws IOException {
    Repos.check(repo);
    comments.upsertSummary(tracker, repo, change, body);
  }

  @Override
  public synchronized void comment(String repo, long change, String key, String body)
      throws IOException {
    Repos.check(repo);
    comments.note(tracker, repo, change, key, body);
  }

  @Override
  public synchronized void setLabel(String repo, long change, String label, boolean present)
      throws IOException {
    Repos.check(repo);
    if (tracker.labelled(repo, change, label, present)) {
      return;
    }
    reader.writeLabel(repo, change, label, present);
    tracker.dirty(repo, change);
  }

  /**
   * An {@code eyes} reaction by the bot on the request's comment, read back on the next listing, so
   * a restart does not serve the request again. Gitea answers 200 instead of 201 when it is there.
   */
  @Override
  public synchronized void acknowledge(String repo, long change, String requestId)
      throws IOException {
    Repos.check(repo);
    String commentId = RequestId.commentOf(requestId);
    if (commentId.isEmpty() || !commentId.chars().allMatch(Character::isDigit)) {
      throw new IOException("not a Gitea comment id: '" + requestId + "'");
    }
    if (tracker.acknowledged(repo, commentId)) {
      return;
    }
    api.send(
        "POST",
        Repos.of(repo) + "/issues/comments/" + commentId + "/reactions",
        Map.of("content", PullRequestReader.EYES),
        true);
    tracker.acknowledgedNow(repo, commentId);
    tracker.dirty(repo, change);
  }

  @Override
  public synchronized MergeResult merge(
      String repo, long change, String headSha, MergeMethod method) throws IOException {
    Repos.check(repo);
    tracker.dirty(repo, change);
    return new GiteaMerge(api).merge(repo, change, headSha, method);
  }

  @Override
  public Path checkout(String repo) throws IOException {
    Repos.check(repo);
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
                "oauth2",
                token));
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
