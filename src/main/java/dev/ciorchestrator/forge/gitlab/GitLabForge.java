package dev.ciorchestrator.forge.gitlab;

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
 * One GitLab connection as a {@link Forge}: merge requests in; commit statuses ({@code ci/<job>},
 * {@code ci/gate}), one summary note, labels, 👀 emoji on served requests and merges out. GitLab's
 * JSON never leaves this package. What all hosted forges share (listing economy, the view, the hold
 * label, the summary's trailer) is {@link ChangeTracker}'s.
 */
public final class GitLabForge implements Forge {
  /** The settings of one connection the adapter itself reads. */
  public record Options(String bot, String cloneUrl, Path mirrorDir, Duration fullRefresh) {}

  private final String id;
  private final RestClient api;
  private final Options options;
  private final Function<String, Optional<Repository>> config;
  private final MergeRequestReader reader;
  private final ChangeTracker tracker;
  private final MarkedComments notes;
  private final Mirror.Secret token;
  private final Map<String, Mirror> mirrors = new ConcurrentHashMap<>();

  GitLabForge(
      String id,
      RestClient api,
      ProjectMembers members,
      Options options,
      Mirror.Secret token,
      Clock clock,
      Function<String, Optional<Repository>> config) {
    this.id = id;
    this.api = api;
    this.options = options;
    this.token = token;
    this.config = config;
    this.reader = new MergeRequestReader(api, members, options.bot());
    this.tracker =
        new ChangeTracker(
            reader,
            new ChangeTracker.Options(GitLabDialect.FORGE, options.bot(), options.fullRefresh()),
            clock);
    this.notes = new MarkedComments(new Notes(api), options.bot());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized List<ForgeChange> openChanges(String repo) throws IOException {
    Projects.check(repo);
    List<ForgeChange> open = tracker.open(repo, ChangeView.Policy.of(config, repo));
    mirror(repo).ensureHas(open.stream().map(fc -> fc.state().change().headSha()).toList());
    return open;
  }

  /** A webhook said merge request {@code change} changed: the next listing reads it again. */
  public void touched(String repo, long change) {
    tracker.dirty(repo, change);
  }

  @Override
  public synchronized Map<String, String> branches(String repo) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode b : api.getAll(Projects.of(repo) + "/repository/branches")) {
      String name = b.path("name").asText("");
      String sha = b.path("commit").path("id").asText("");
      if (!name.isEmpty() && !sha.isEmpty()) {
        out.put(name, sha);
      }
    }
    mirror(repo).ensureHas(out.values());
    return out;
  }

  /**
   * {@code POST /projects/:id/statuses/:sha}, {@code name} being the context; to a fork's merge
   * request's source project, with its branch as {@code ref}. The same state again is answered 400
   * "Cannot transition status": it is so already, which is what was asked.
   */
  @Override
  public synchronized void setStatus(String repo, String sha, CommitStatus status)
      throws IOException {
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
    tracker.dirtyHead(repo, sha);
  }

  @Override
  public synchronized void upsertSummary(String repo, long change, String body) throws IOException {
    Projects.check(repo);
    notes.upsertSummary(tracker, repo, change, body);
  }

  @Override
  public synchronized void comment(String repo, long change, String key, String body)
      throws IOException {
    Projects.check(repo);
    notes.note(tracker, repo, change, key, body);
  }

  @Override
  public synchronized void setLabel(String repo, long change, String label, boolean present)
      throws IOException {
    Projects.check(repo);
    if (tracker.labelled(repo, change, label, present)) {
      return;
    }
    reader.writeLabel(repo, change, label, present);
    tracker.dirty(repo, change);
  }

  /**
   * An {@code eyes} emoji by the bot on the request's note, read back on the next listing, so a
   * restart does not serve the request again. GitLab refuses a second one with a 404; then the
   * emoji list says whether it is ours already.
   */
  @Override
  public synchronized void acknowledge(String repo, long change, String requestId)
      throws IOException {
    Projects.check(repo);
    String noteId = RequestId.commentOf(requestId);
    if (noteId.isEmpty() || !noteId.chars().allMatch(Character::isDigit)) {
      throw new IOException("not a GitLab note id: '" + requestId + "'");
    }
    if (tracker.acknowledged(repo, noteId)) {
      return;
    }
    String path =
        Projects.of(repo) + "/merge_requests/" + change + "/notes/" + noteId + "/award_emoji";
    try {
      api.send("POST", path, Map.of("name", MergeRequestReader.EYES), true);
    } catch (RestException e) {
      if (e.status() != 404 || !reader.acknowledged(repo, change, noteId)) {
        throw e;
      }
    }
    tracker.acknowledgedNow(repo, noteId);
    tracker.dirty(repo, change);
  }

  @Override
  public synchronized MergeResult merge(
      String repo, long change, String headSha, MergeMethod method) throws IOException {
    Projects.check(repo);
    tracker.dirty(repo, change);
    return new GitLabMerge(api)
        .merge(repo, change, headSha, method, reader.mergeStatus(repo, change));
  }

  @Override
  public Path checkout(String repo) throws IOException {
    Projects.check(repo);
    return mirror(repo).ensure();
  }

  private Mirror mirror(String repo) {
    return mirrors.computeIfAbsent(
        repo,
        r ->
            new Mirror(
                options.mirrorDir().resolve(r + ".git"),
                options.cloneUrl().replace("{repo}", r),
                Mirror.MERGE_REQUEST_HEADS,
                "oauth2",
                token));
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
