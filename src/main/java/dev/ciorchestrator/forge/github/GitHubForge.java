package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.Lists;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.forge.BatchBuild;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.forge.MergeResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * One GitHub connection as a {@link Forge}: pull requests in; commit statuses, one summary comment,
 * labels, 👀 acknowledgements and merges out. GitHub's JSON never leaves this package.
 *
 * <p>Polling economy: the pull request list (conditional, 100 per page) says when a pull request
 * changed ({@code updated_at}, head, labels); only then, after one of our own writes to it, or on
 * the periodic full refresh, are its details asked again, and those requests are conditional too.
 * An unchanged repository therefore costs only 304s, which GitHub does not count against the rate
 * limit, and its listing returns the very same {@link ForgeChange} instances.
 */
public final class GitHubForge implements Forge {
  private static final Logger LOG = Logger.getLogger(GitHubForge.class);
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final String EYES = "eyes";

  /** The settings of one connection the adapter itself reads. */
  public record Options(String bot, String cloneUrl, Path mirrorDir, Duration fullRefresh) {}

  private record Entry(
      String updatedAt,
      String headSha,
      List<String> labels,
      PullView.Policy policy,
      Pushed pushed,
      PullDetail detail,
      ForgeChange result,
      Optional<String> summaryId,
      boolean complete) {}

  /** When the head was pushed, or first seen when the adapter has not seen it move. */
  private record Pushed(Instant at, boolean firstSight) {}

  private static final class RepoState {
    Map<Long, Entry> entries = new TreeMap<>();
    List<ForgeChange> listing = List.of();
    Instant lastFull = Instant.MIN;
    final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    final Map<Long, String> holdApplied = new ConcurrentHashMap<>();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  }

  private final String id;
  private final GitHubApi api;
  private final Membership membership;
  private final Options options;
  private final Clock clock;
  private final Function<String, Optional<Repository>> config;
  private final Map<String, RepoState> repos = new ConcurrentHashMap<>();
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
    this.membership = membership;
    this.options = options;
    this.clock = clock;
    this.config = config;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized List<ForgeChange> openChanges(String repo) throws IOException {
    check(repo);
    RepoState state = repos.computeIfAbsent(repo, r -> new RepoState());
    PullView.Policy policy =
        config
            .apply(repo)
            .map(r -> new PullView.Policy(r.trustedUsers(), r.dismissApprovalsOnPush()))
            .orElse(new PullView.Policy(List.of(), true));
    Instant now = clock.instant();
    boolean full = !now.isBefore(state.lastFull.plus(options.fullRefresh()));
    List<JsonNode> pulls =
        api.getAll("/repos/" + repo + "/pulls?state=open&sort=created&direction=asc");
    // Cleared only once the whole listing succeeded: a failed one must read them again.
    Set<Long> dirty = Set.copyOf(state.dirty);
    Map<Long, Entry> next = new TreeMap<>();
    for (JsonNode pull : pulls) {
      long number = PullJson.number(pull, "GET /repos/" + repo + "/pulls");
      Entry before = state.entries.get(number);
      Entry entry = fresh(repo, state, pull, before, policy, full || dirty.contains(number));
      if (entry != null) {
        next.put(number, entry);
      }
    }
    state.entries = next;
    state.dirty.removeAll(dirty);
    if (full) {
      state.lastFull = now;
    }
    state.holdApplied.keySet().retainAll(next.keySet());
    Set<String> wanted = new HashSet<>();
    next.values().forEach(e -> wanted.add(e.headSha()));
    mirror(repo).ensureHas(wanted);
    List<ForgeChange> listing = next.values().stream().map(Entry::result).toList();
    if (!Lists.sameInstances(listing, state.listing)) {
      state.listing = listing;
    }
    return state.listing;
  }

  /**
   * The pull request's entry: the one before while nothing about it changed, else read again
   * ({@code again}: a full refresh, or we wrote to it since). A pull request closed between the
   * list and its details (404) is left out of this listing.
   */
  private Entry fresh(
      String repo,
      RepoState state,
      JsonNode pull,
      Entry before,
      PullView.Policy policy,
      boolean again)
      throws IOException {
    long number = pull.path("number").asLong();
    String updatedAt = pull.path("updated_at").asText("");
    String headSha = pull.path("head").path("sha").asText("");
    List<String> labels = PullJson.labels(pull);
    if (before != null
        && !again
        && before.complete()
        && before.updatedAt().equals(updatedAt)
        && before.headSha().equals(headSha)
        && before.labels().equals(labels)
        && before.policy().equals(policy)) {
      return before;
    }
    PullDetail detail;
    try {
      detail = read(repo, number, headSha);
    } catch (GitHubException e) {
      if (e.status() == 404) {
        LOG.infof("%s#%d left out: %s", repo, number, e.getMessage());
        return null;
      }
      throw e;
    }
    // The single pull request is newer than the list entry, and has 'mergeable'.
    String head = detail.pull().path("head").path("sha").asText(headSha);
    Pushed pushed = pushed(state, number, before, head, detail);
    List<String> actualLabels = PullJson.labels(detail.pull());
    if (before != null
        && before.detail().sameAnswers(detail)
        && before.policy().equals(policy)
        && before.complete()) {
      return new Entry(
          updatedAt,
          head,
          labels,
          policy,
          before.pushed(),
          detail,
          before.result(),
          before.summaryId(),
          true);
    }
    boolean heldByHand =
        actualLabels.contains(Names.HOLD_LABEL)
            && !state.holdApplied.getOrDefault(number, "").startsWith("on:");
    PullView.Built built =
        PullView.build(
            repo,
            detail,
            actualLabels,
            policy,
            pushed.at(),
            pushed.firstSight(),
            options.bot(),
            lookups(repo, state),
            heldByHand);
    ForgeChange held = applyHold(repo, state, number, built, actualLabels);
    Trailer now =
        new Trailer(head, pushed.at(), pushed.firstSight(), state.holdApplied.get(number));
    ForgeChange result = now.current(Trailer.read(detail, options.bot()), held);
    if (before != null && before.result().equals(result)) {
      result = before.result();
    }
    boolean complete = detail.pull().path("mergeable").isBoolean();
    return new Entry(
        updatedAt, head, labels, policy, pushed, detail, result, built.summaryId(), complete);
  }

  /**
   * When the head was pushed, as far as the adapter can tell: when it saw the head move; for a pull
   * request it has not listed since it started, what its summary's trailer says for this head (so a
   * restart changes nothing); else now, as the first sight of the head. GitHub does not say when a
   * head was pushed, and a first sight is late rather than early: it can prove that an {@code
   * /ok-to-test} came after the push, never that one did when it did not.
   */
  private Pushed pushed(
      RepoState state, long number, Entry before, String head, PullDetail detail) {
    if (before != null) {
      return before.headSha().equals(head) ? before.pushed() : new Pushed(clock.instant(), false);
    }
    Optional<Trailer> trailer = Trailer.read(detail, options.bot());
    trailer
        .map(Trailer::hold)
        .filter(h -> !h.isEmpty())
        .ifPresent(h -> state.holdApplied.putIfAbsent(number, h));
    return trailer
        .filter(t -> t.head().equals(head))
        .map(t -> new Pushed(t.pushedAt(), t.firstSight()))
        .orElseGet(() -> new Pushed(clock.instant(), true));
  }

  private PullDetail read(String repo, long number, String headSha) throws IOException {
    String base = "/repos/" + repo;
    JsonNode pull = api.get(base + "/pulls/" + number);
    String head = pull.path("head").path("sha").asText(headSha);
    return new PullDetail(
        pull,
        api.getAll(base + "/pulls/" + number + "/files"),
        api.getAll(base + "/pulls/" + number + "/reviews"),
        api.getAll(base + "/issues/" + number + "/comments"),
        api.get(base + "/commits/" + head + "/status?per_page=100"));
  }

  private PullView.Lookups lookups(String repo, RepoState state) {
    return new PullView.Lookups() {
      @Override
      public boolean acknowledged(String commentId, int eyes) throws IOException {
        if (state.acknowledged.contains(commentId)) {
          return true;
        }
        if (eyes == 0) {
          return false;
        }
        List<JsonNode> reactions =
            api.getAll(
                "/repos/" + repo + "/issues/comments/" + commentId + "/reactions?content=" + EYES);
        boolean ours =
            reactions.stream()
                .anyMatch(
                    r -> r.path("user").path("login").asText("").equalsIgnoreCase(options.bot()));
        if (ours) {
          state.acknowledged.add(commentId);
        }
        return ours;
      }

      @Override
      public boolean trusted(String login) throws IOException {
        return membership.trusted(repo, login);
      }
    };
  }

  /**
   * {@code /hold} and {@code /unhold} are shown as the {@code hold} label: the newest effective
   * such comment sets or clears it once. A label someone sets or removes by hand afterwards stays
   * as they left it, until the next {@code /hold} or {@code /unhold}. Which command was applied is
   * kept in memory and in the summary's trailer, so a restart does not apply it again.
   */
  private ForgeChange applyHold(
      String repo, RepoState state, long number, PullView.Built built, List<String> labels)
      throws IOException {
    Optional<PullView.HoldCommand> hold = built.hold();
    if (hold.isEmpty() || hold.get().applied().equals(state.holdApplied.get(number))) {
      return built.change();
    }
    boolean on = hold.get().on();
    boolean has = labels.contains(Names.HOLD_LABEL);
    if (on != has) {
      writeLabel(repo, number, Names.HOLD_LABEL, on);
    }
    state.holdApplied.put(number, hold.get().applied());
    if (on == has) {
      return built.change();
    }
    List<String> now = new ArrayList<>(labels);
    if (on) {
      now.add(Names.HOLD_LABEL);
    } else {
      now.remove(Names.HOLD_LABEL);
    }
    return PullView.withLabels(built.change(), now);
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
    RepoState state = repos.get(repo);
    if (state != null) {
      state.entries.forEach(
          (n, e) -> {
            if (e.headSha().equals(sha)) {
              state.dirty.add(n);
            }
          });
    }
  }

  /**
   * Edits the summary comment found by its marker, or creates it. Creating is never retried and is
   * preceded by a fresh look at the comments: a second summary must not appear even if our previous
   * listing is stale or a create's answer was lost.
   */
  @Override
  public synchronized void upsertSummary(String repo, long change, String body) throws IOException {
    check(repo);
    Entry e = state(repo).entries.get(change);
    String trailer =
        e == null
            ? ""
            : new Trailer(
                    e.headSha(),
                    e.pushed().at(),
                    e.pushed().firstSight(),
                    state(repo).holdApplied.get(change))
                .render();
    String text = Markers.body(PullView.SUMMARY_MARKER, body) + trailer;
    Optional<String> known =
        Optional.ofNullable(state(repo).entries.get(change)).flatMap(Entry::summaryId);
    if (known.isPresent() && edit(repo, known.get(), text)) {
      dirty(repo, change);
      return;
    }
    upsertMarked(repo, change, PullView.SUMMARY_MARKER, text);
  }

  /** As the summary, without a remembered id: notes are rare, so a fresh look costs little. */
  @Override
  public synchronized void comment(String repo, long change, String key, String body)
      throws IOException {
    check(repo);
    String marker = Markers.note(key);
    upsertMarked(repo, change, marker, Markers.body(marker, body));
  }

  /** Edits the bot's comment starting with {@code marker} unless it reads so already, or posts. */
  private void upsertMarked(String repo, long change, String marker, String text)
      throws IOException {
    for (JsonNode c : api.getAll("/repos/" + repo + "/issues/" + change + "/comments")) {
      String body = c.path("body").asText("");
      if (PullJson.login(c).equalsIgnoreCase(options.bot()) && body.startsWith(marker)) {
        if (Markers.text(marker, body).equals(Markers.text(marker, text))
            || edit(repo, c.path("id").asText(""), text)) {
          dirty(repo, change);
          return;
        }
      }
    }
    api.send(
        "POST", "/repos/" + repo + "/issues/" + change + "/comments", Map.of("body", text), false);
    dirty(repo, change);
  }

  /** False when the comment is gone (404), so the caller looks again. */
  private boolean edit(String repo, String commentId, String text) throws IOException {
    try {
      api.send(
          "PATCH", "/repos/" + repo + "/issues/comments/" + commentId, Map.of("body", text), true);
      return true;
    } catch (GitHubException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public synchronized void setLabel(String repo, long change, String label, boolean present)
      throws IOException {
    check(repo);
    Entry e = state(repo).entries.get(change);
    if (e != null && e.result().labels().contains(label) == present) {
      return;
    }
    writeLabel(repo, change, label, present);
  }

  private void writeLabel(String repo, long change, String label, boolean present)
      throws IOException {
    String path = "/repos/" + repo + "/issues/" + change + "/labels";
    if (present) {
      api.send("POST", path, Map.of("labels", List.of(label)), true);
    } else {
      try {
        api.send(
            "DELETE",
            path + "/" + URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20"),
            null,
            true);
      } catch (GitHubException e) {
        if (e.status() != 404) { // already gone: what we wanted
          throw e;
        }
      }
    }
    dirty(repo, change);
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
    String commentId =
        requestId.contains("#") ? requestId.substring(0, requestId.indexOf('#')) : requestId;
    if (!commentId.chars().allMatch(Character::isDigit) || commentId.isEmpty()) {
      throw new IOException("not a GitHub comment id: '" + requestId + "'");
    }
    RepoState state = state(repo);
    if (state.acknowledged.contains(commentId)) {
      return;
    }
    api.send(
        "POST",
        "/repos/" + repo + "/issues/comments/" + commentId + "/reactions",
        Map.of("content", EYES),
        true);
    state.acknowledged.add(commentId);
    dirty(repo, change);
  }

  /**
   * {@code PUT /pulls/{n}/merge} with the head SHA the gate saw; GitHub's 405 (not mergeable), 409
   * (head moved) and 422 answers are refusals with GitHub's reason, which the reporter remembers
   * for this head, so they are not repeated on every pass. {@code fast-forward}, which GitHub's
   * merge button lacks, moves the base branch to the head only if that is a fast-forward.
   */
  @Override
  public synchronized MergeResult merge(
      String repo, long change, String headSha, MergeMethod method) throws IOException {
    check(repo);
    dirty(repo, change);
    if (method == MergeMethod.FAST_FORWARD) {
      return fastForward(repo, change, headSha);
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("merge_method", method.wire());
    body.put("sha", headSha);
    GitHubApi.Reply r =
        api.send(
            "PUT",
            "/repos/" + repo + "/pulls/" + change + "/merge",
            body,
            true,
            403,
            405,
            409,
            422);
    String message = r.body().path("message").asText("");
    if (r.status() == 200 && r.body().path("merged").asBoolean(true)) {
      return MergeResult.merged(
          r.body().path("sha").asText(""),
          method.wire() + (message.isEmpty() ? "" : ": " + message));
    }
    return MergeResult.refused(
        "GitHub answered " + r.status() + (message.isEmpty() ? "" : ": " + message));
  }

  private MergeResult fastForward(String repo, long change, String headSha) throws IOException {
    Entry e = state(repo).entries.get(change);
    if (e == null) {
      return MergeResult.refused("pull request #" + change + " is not open here");
    }
    if (!e.headSha().equals(headSha)) {
      return MergeResult.refused(
          "head moved from " + Names.shortSha(headSha) + " to " + Names.shortSha(e.headSha()));
    }
    String base = e.result().state().change().baseRef();
    GitHubApi.Reply r =
        api.send(
            "PATCH",
            "/repos/" + repo + "/git/refs/heads/" + base,
            Map.of("sha", headSha, "force", false),
            true,
            403,
            409,
            422);
    if (r.status() == 200) {
      return MergeResult.merged(headSha, "fast-forwarded " + base);
    }
    return MergeResult.refused(
        "GitHub answered "
            + r.status()
            + ": "
            + r.body().path("message").asText("not a fast-forward"));
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
      Entry e = state(repo).entries.get(m.change());
      if (e == null) {
        return MergeResult.refused("pull request #" + m.change() + " is not open here");
      }
      if (!e.headSha().equals(m.headSha())) {
        return MergeResult.refused(
            "pull request #"
                + m.change()
                + " moved from "
                + Names.shortSha(m.headSha())
                + " to "
                + Names.shortSha(e.headSha()));
      }
      dirty(repo, m.change());
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
                api::gitToken));
  }

  private RepoState state(String repo) {
    return repos.computeIfAbsent(repo, r -> new RepoState());
  }

  private void dirty(String repo, long change) {
    state(repo).dirty.add(change);
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
}
