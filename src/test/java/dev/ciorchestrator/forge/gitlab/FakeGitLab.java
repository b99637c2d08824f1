package dev.ciorchestrator.forge.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciorchestrator.forge.hosted.FakeForgeServer;
import dev.ciorchestrator.forge.hosted.FakeGitRemote;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that behaves like GitLab's REST API v4 for what the adapter uses (merge
 * requests and their diffs, notes, award emoji, approvals, labels; commit statuses; merges;
 * branches; project members), shaped as GitLab's API docs describe them: project paths URL-encoded
 * ({@code acme%2Fapp}) or project ids, {@code PRIVATE-TOKEN} or {@code Authorization: Bearer},
 * {@code Link} and {@code X-Next-Page} pages, {@code updated_after}, a note touching its merge
 * request, the 400 "Cannot transition status" of a status posted twice, 405/406/409 merge refusals,
 * and 429 with {@code RateLimit-*} and {@code Retry-After}. No {@code ETag}s: GitLab's REST API
 * does not offer conditional requests, which is why the adapter lists by time instead.
 */
public final class FakeGitLab extends FakeForgeServer {
  /** A note as stored. */
  public record NoteData(long id, String author, String body, boolean system, Instant at) {}

  /** A status as stored. */
  public record StatusData(long id, String name, String state, String ref, String description) {}

  /** A merge call GitLab received. */
  public record MergeCall(String repo, long iid, String sha, boolean squash, int status) {}

  private record Approval(String user, Instant at) {}

  private static final class MergeRequest {
    long id;
    long iid;
    long sourceProjectId;
    String title;
    String author;
    boolean draft;
    String state = "opened";
    String sourceBranch;
    String targetBranch;
    String sha;
    String baseSha;
    String mergeStatus = "mergeable";
    String mergeCommitSha;
    List<String> files = new ArrayList<>();
    Set<String> labels = new LinkedHashSet<>();
    List<NoteData> notes = new ArrayList<>();
    Map<Long, Set<String>> emoji = new HashMap<>();
    List<Approval> approvals = new ArrayList<>();
    Instant createdAt;
    Instant updatedAt;
  }

  private static final class Project {
    long id;
    String path;
    final Map<Long, MergeRequest> mrs = new TreeMap<>();
    final Map<String, String> branches = new TreeMap<>();
    final Map<String, List<StatusData>> statuses = new HashMap<>();
    final Map<String, Integer> members = new HashMap<>();
    FakeGitRemote remote;
  }

  private static final Pattern PROJECT = Pattern.compile("/projects/([^/]+)(/.*)?");

  private final Set<String> tokens = new LinkedHashSet<>();
  private final Map<String, Project> projects = new TreeMap<>();
  private final List<MergeCall> merges = new ArrayList<>();
  private String bot = "ci-bot";
  private boolean premium;

  private FakeGitLab() throws IOException {
    super();
  }

  /** Starts on 127.0.0.1 on a free port, accepting {@code token}. */
  public static FakeGitLab start(String token) throws IOException {
    FakeGitLab fake = new FakeGitLab();
    fake.tokens.add(token);
    return fake;
  }

  @Override
  protected String apiPrefix() {
    return "/api/v4";
  }

  // ---- setting up state ----

  /** The username the token acts as (its notes, emoji and statuses are the bot's). */
  public synchronized void botUsername(String username) {
    bot = username;
  }

  /** Premium tier: approval rules, so the approvals answer has {@code approvals_left}. */
  public synchronized void premium(boolean on) {
    premium = on;
  }

  public synchronized void branch(String repo, String name, String sha) {
    project(repo).branches.put(name, sha);
  }

  /**
   * Backs {@code repo} with the real bare repository {@code bare}: merges happen in it for real,
   * the branches are its branches (pushed ones included), and a merge request whose head a push
   * brought into its target branch is merged, as GitLab marks it.
   */
  public synchronized void gitRemote(String repo, java.nio.file.Path bare) {
    project(repo).remote = new FakeGitRemote(bare);
    sync(project(repo));
  }

  private void sync(Project p) {
    if (p.remote == null) {
      return;
    }
    p.branches.clear();
    p.branches.putAll(p.remote.branches());
    for (MergeRequest m : p.mrs.values()) {
      String tip = p.branches.getOrDefault(m.targetBranch, "");
      if (m.state.equals("opened") && !tip.isEmpty() && p.remote.contains(tip, m.sha)) {
        m.state = "merged";
        m.mergeCommitSha = tip;
        m.updatedAt = tick();
      }
    }
  }

  /** A member with GitLab's access level (30 Developer, 40 Maintainer). */
  public synchronized void member(String repo, String username, int accessLevel) {
    project(repo).members.put(username.toLowerCase(), accessLevel);
  }

  public synchronized long openMergeRequest(
      String repo,
      String author,
      String title,
      String source,
      String sha,
      String target,
      List<String> files) {
    return openFrom(repo, repo, author, title, source, sha, target, files);
  }

  /** A merge request into {@code repo} from a branch of the fork {@code fork}. */
  public synchronized long openFrom(
      String repo,
      String fork,
      String author,
      String title,
      String source,
      String sha,
      String target,
      List<String> files) {
    Project p = project(repo);
    MergeRequest mr = new MergeRequest();
    mr.id = nextId();
    mr.iid = p.mrs.size() + 1;
    mr.sourceProjectId = project(fork).id;
    mr.author = author;
    mr.title = title;
    mr.sourceBranch = source;
    mr.sha = sha;
    mr.targetBranch = target;
    mr.baseSha = p.branches.getOrDefault(target, "");
    mr.files.addAll(files);
    mr.createdAt = tick();
    mr.updatedAt = mr.createdAt;
    p.mrs.put(mr.iid, mr);
    return mr.iid;
  }

  public synchronized void push(String repo, long iid, String sha) {
    MergeRequest mr = mr(repo, iid);
    mr.sha = sha;
    mr.updatedAt = tick();
  }

  public synchronized void draft(String repo, long iid, boolean draft) {
    MergeRequest mr = mr(repo, iid);
    mr.draft = draft;
    mr.updatedAt = tick();
  }

  /** GitLab's {@code detailed_merge_status}: mergeable, checking, conflict, … */
  public synchronized void mergeStatus(String repo, long iid, String status) {
    mr(repo, iid).mergeStatus = status;
  }

  public synchronized void close(String repo, long iid) {
    MergeRequest mr = mr(repo, iid);
    mr.state = "closed";
    mr.updatedAt = tick();
  }

  /** A person's note; touches the merge request, as GitLab's notes do. Returns its id. */
  public synchronized long note(String repo, long iid, String author, String body) {
    return addNote(mr(repo, iid), author, body, false);
  }

  /** {@code POST …/approve} by {@code username}: an approval and its system note. */
  public synchronized void approve(String repo, long iid, String username) {
    MergeRequest mr = mr(repo, iid);
    mr.approvals.add(new Approval(username, tick()));
    addNote(mr, username, "approved this merge request", true);
  }

  // ---- inspecting ----

  public synchronized List<NoteData> notes(String repo, long iid) {
    return List.copyOf(mr(repo, iid).notes);
  }

  public synchronized List<String> labels(String repo, long iid) {
    return List.copyOf(mr(repo, iid).labels);
  }

  /** Every status posted on {@code sha} in {@code repo}, oldest first. */
  public synchronized List<StatusData> statuses(String repo, String sha) {
    return List.copyOf(project(repo).statuses.getOrDefault(sha, List.of()));
  }

  /** Who gave note {@code noteId} an {@code emoji}. */
  public synchronized Set<String> emoji(String repo, long iid, long noteId, String emoji) {
    return mr(repo, iid).emoji.getOrDefault(noteId, Set.of()).stream()
        .filter(e -> e.endsWith(":" + emoji))
        .map(e -> e.substring(0, e.indexOf(':')))
        .collect(java.util.stream.Collectors.toSet());
  }

  public synchronized List<MergeCall> merges() {
    return List.copyOf(merges);
  }

  public synchronized boolean merged(String repo, long iid) {
    return mr(repo, iid).state.equals("merged");
  }

  // ---- the API ----

  @Override
  protected boolean authorized(Function<String, String> header) {
    String privateToken = header.apply("PRIVATE-TOKEN");
    String auth = Optional.ofNullable(header.apply("Authorization")).orElse("");
    return (privateToken != null && tokens.contains(privateToken))
        || (auth.startsWith("Bearer ") && tokens.contains(auth.substring(7)));
  }

  @Override
  protected Answer error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("message", message);
    return Answer.of(status, o);
  }

  @Override
  protected Answer rateLimited(long seconds) {
    Answer a = error(429, "Retry later");
    a.headers().put("Retry-After", Long.toString(seconds));
    a.headers().put("RateLimit-Limit", "2000");
    a.headers().put("RateLimit-Remaining", "0");
    a.headers().put("RateLimit-Reset", Long.toString(now().getEpochSecond() + seconds));
    return a;
  }

  @Override
  protected Answer route(Request r) {
    Matcher m = PROJECT.matcher(r.path());
    if (!m.matches()) {
      return error(404, "404 Not Found");
    }
    Project p = find(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
    if (p == null) {
      return error(404, "404 Project Not Found");
    }
    String rest = m.group(2) == null ? "" : m.group(2);
    sync(p);
    return GitLabRoutes.route(this, p, r, rest);
  }

  // package-private state access for the routes, all under this object's lock

  Answer pageOf(Request r, List<? extends JsonNode> items) {
    return page(r, items, "per_page", 20, 100);
  }

  Answer err(int status, String message) {
    return error(status, message);
  }

  private Project find(String key) {
    if (key.chars().allMatch(Character::isDigit)) {
      long id = Long.parseLong(key);
      return projects.values().stream().filter(p -> p.id == id).findAny().orElse(null);
    }
    return projects.get(key);
  }

  private Project project(String path) {
    return projects.computeIfAbsent(
        path,
        n -> {
          Project p = new Project();
          p.id = 100 + projects.size();
          p.path = n;
          return p;
        });
  }

  private MergeRequest mr(String repo, long iid) {
    MergeRequest mr = project(repo).mrs.get(iid);
    if (mr == null) {
      throw new IllegalArgumentException("no merge request " + repo + "!" + iid);
    }
    return mr;
  }

  private long addNote(MergeRequest mr, String author, String body, boolean system) {
    NoteData n = new NoteData(nextId(), author, body, system, tick());
    mr.notes.add(n);
    mr.updatedAt = n.at();
    return n.id();
  }

  /** The REST routes under one project, shaped as GitLab documents them. */
  private static final class GitLabRoutes {
    private static final Pattern MR = Pattern.compile("/merge_requests/(\\d+)(/.*)?");

    static Answer route(FakeGitLab g, Project p, Request r, String rest) {
      String verb = r.method() + " " + rest;
      if (verb.equals("GET /merge_requests")) {
        return list(g, p, r);
      }
      if (verb.equals("GET /repository/branches")) {
        List<JsonNode> out = new ArrayList<>();
        p.branches.forEach(
            (name, sha) -> {
              ObjectNode b = JSON.createObjectNode().put("name", name).put("merged", false);
              b.putObject("commit").put("id", sha).put("short_id", sha.substring(0, 8));
              out.add(b);
            });
        return g.pageOf(r, out);
      }
      if (verb.equals("GET /members/all")) {
        String q = r.query().getOrDefault("query", "").toLowerCase();
        List<JsonNode> out = new ArrayList<>();
        p.members.forEach(
            (u, level) -> {
              if (u.contains(q)) {
                out.add(user(u).put("access_level", level));
              }
            });
        return g.pageOf(r, out);
      }
      Matcher st = Pattern.compile("/repository/commits/([0-9a-f]+)/statuses").matcher(rest);
      if (r.method().equals("GET") && st.matches()) {
        List<JsonNode> out = new ArrayList<>();
        p.statuses.getOrDefault(st.group(1), List.of()).stream()
            .sorted((a, b) -> Long.compare(b.id(), a.id()))
            .forEach(s -> out.add(statusJson(s, st.group(1))));
        return g.pageOf(r, out);
      }
      Matcher post = Pattern.compile("/statuses/([0-9a-f]+)").matcher(rest);
      if (r.method().equals("POST") && post.matches()) {
        return postStatus(g, p, post.group(1), r.body());
      }
      Matcher mr = MR.matcher(rest);
      if (mr.matches()) {
        MergeRequest m = p.mrs.get(Long.parseLong(mr.group(1)));
        if (m == null) {
          return g.err(404, "404 Not found");
        }
        return MergeRequestRoutes.route(g, p, m, r, mr.group(2) == null ? "" : mr.group(2));
      }
      return g.err(404, "404 Not Found");
    }

    /** {@code state}, {@code updated_after}; created order or updated order, ascending. */
    private static Answer list(FakeGitLab g, Project p, Request r) {
      String state = r.query().getOrDefault("state", "all");
      Instant after =
          Optional.ofNullable(r.query().get("updated_after")).map(Instant::parse).orElse(null);
      List<JsonNode> out = new ArrayList<>();
      p.mrs.values().stream()
          .filter(m -> state.equals("all") || m.state.equals(state))
          .filter(m -> after == null || m.updatedAt.isAfter(after))
          .sorted(
              "updated_at".equals(r.query().get("order_by"))
                  ? (a, b) -> a.updatedAt.compareTo(b.updatedAt)
                  : (a, b) -> Long.compare(a.iid, b.iid))
          .forEach(m -> out.add(mrJson(p, m)));
      return g.pageOf(r, out);
    }

    /**
     * A new status; the same state again on a pending or running one is GitLab's 400 ("Cannot
     * transition status via :enqueue from :pending").
     */
    private static Answer postStatus(FakeGitLab g, Project p, String sha, JsonNode in) {
      String state = in.path("state").asText("");
      if (!Set.of("pending", "running", "success", "failed", "canceled", "skipped")
          .contains(state)) {
        return g.err(400, "state does not have a valid value");
      }
      String name = in.path("name").asText(in.path("context").asText("default"));
      List<StatusData> all = p.statuses.computeIfAbsent(sha, s -> new ArrayList<>());
      Optional<StatusData> last =
          all.stream().filter(s -> s.name().equals(name)).reduce((a, b) -> b);
      if (last.isPresent()
          && last.get().state().equals(state)
          && Set.of("pending", "running").contains(state)) {
        String via = state.equals("pending") ? "enqueue" : "run";
        return g.err(400, "Cannot transition status via :" + via + " from :" + state);
      }
      StatusData s =
          new StatusData(
              g.nextId(),
              name,
              state,
              in.path("ref").asText(""),
              in.path("description").asText(""));
      all.add(s);
      return Answer.of(201, statusJson(s, sha));
    }

    static ObjectNode user(String username) {
      return JSON.createObjectNode()
          .put("id", Math.abs(username.hashCode()) % 100_000)
          .put("username", username)
          .put("name", username)
          .put("state", "active")
          .put("web_url", "https://gitlab.example.com/" + username);
    }

    static ObjectNode statusJson(StatusData s, String sha) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", s.id())
              .put("sha", sha)
              .put("ref", s.ref())
              .put("status", s.state())
              .put("name", s.name())
              .put("description", s.description())
              .put("allow_failure", false);
      o.putNull("target_url");
      o.set("author", user("ci-bot"));
      return o;
    }

    static ObjectNode mrJson(Project p, MergeRequest m) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", m.id)
              .put("iid", m.iid)
              .put("project_id", p.id)
              .put("title", m.title)
              .put("description", "")
              .put("state", m.state)
              .put("created_at", m.createdAt.toString())
              .put("updated_at", m.updatedAt.toString())
              .put("target_branch", m.targetBranch)
              .put("source_branch", m.sourceBranch)
              .put("source_project_id", m.sourceProjectId)
              .put("target_project_id", p.id)
              .put("draft", m.draft)
              .put("work_in_progress", m.draft)
              .put(
                  "merge_status", m.mergeStatus.equals("mergeable") ? "can_be_merged" : "unchecked")
              .put("detailed_merge_status", m.draft ? "draft_status" : m.mergeStatus)
              .put("sha", m.sha)
              .put("squash", false)
              .put(
                  "web_url", "https://gitlab.example.com/" + p.path + "/-/merge_requests/" + m.iid);
      o.set("author", user(m.author));
      ArrayNode labels = o.putArray("labels");
      m.labels.forEach(labels::add);
      if (m.mergeCommitSha == null) {
        o.putNull("merge_commit_sha");
      } else {
        o.put("merge_commit_sha", m.mergeCommitSha);
      }
      o.putNull("squash_commit_sha");
      o.putObject("diff_refs")
          .put("base_sha", m.baseSha)
          .put("head_sha", m.sha)
          .put("start_sha", m.baseSha);
      return o;
    }
  }

  /** The routes under one merge request. */
  private static final class MergeRequestRoutes {
    static Answer route(FakeGitLab g, Project p, MergeRequest m, Request r, String rest) {
      String verb = r.method() + " " + rest;
      switch (verb) {
        case "GET " -> {
          return Answer.of(200, GitLabRoutes.mrJson(p, m));
        }
        case "PUT " -> {
          labels(m, r.body().path("add_labels").asText(""), true);
          labels(m, r.body().path("remove_labels").asText(""), false);
          m.updatedAt = g.tick();
          return Answer.of(200, GitLabRoutes.mrJson(p, m));
        }
        case "GET /diffs" -> {
          List<JsonNode> out = new ArrayList<>();
          for (String f : m.files) {
            out.add(
                JSON.createObjectNode()
                    .put("old_path", f)
                    .put("new_path", f)
                    .put("a_mode", "100644")
                    .put("b_mode", "100644")
                    .put("diff", "@@ -1 +1 @@\n-a\n+b\n")
                    .put("new_file", false)
                    .put("renamed_file", false)
                    .put("deleted_file", false));
          }
          return g.pageOf(r, out);
        }
        case "GET /notes" -> {
          List<JsonNode> out = new ArrayList<>();
          m.notes.forEach(n -> out.add(noteJson(m, n)));
          return g.pageOf(r, out);
        }
        case "POST /notes" -> {
          long id = g.addNote(m, g.bot, r.body().path("body").asText(""), false);
          return Answer.of(201, noteJson(m, m.notes.get(m.notes.size() - 1)).put("id", id));
        }
        case "GET /approvals" -> {
          return Answer.of(200, approvals(g, p, m));
        }
        case "PUT /merge" -> {
          return merge(g, p, m, r.body());
        }
        default -> {
          return noteRoutes(g, m, r, rest);
        }
      }
    }

    private static Answer noteRoutes(FakeGitLab g, MergeRequest m, Request r, String rest) {
      Matcher note = Pattern.compile("/notes/(\\d+)(/award_emoji)?").matcher(rest);
      if (!note.matches()) {
        return g.err(404, "404 Not Found");
      }
      long id = Long.parseLong(note.group(1));
      Optional<NoteData> n = m.notes.stream().filter(x -> x.id() == id).findAny();
      if (n.isEmpty()) {
        return g.err(404, "404 Note Not Found");
      }
      if (note.group(2) == null && r.method().equals("PUT")) {
        NoteData edited =
            new NoteData(
                id, n.get().author(), r.body().path("body").asText(""), false, n.get().at());
        m.notes.set(m.notes.indexOf(n.get()), edited);
        m.updatedAt = g.tick();
        return Answer.of(200, noteJson(m, edited));
      }
      Set<String> given = m.emoji.computeIfAbsent(id, k -> new LinkedHashSet<>());
      if (note.group(2) != null && r.method().equals("GET")) {
        List<JsonNode> out = new ArrayList<>();
        for (String e : given) {
          String[] parts = e.split(":", 2);
          ObjectNode o =
              JSON.createObjectNode()
                  .put("id", Math.abs(e.hashCode()))
                  .put("name", parts[1])
                  .put("awardable_id", id)
                  .put("awardable_type", "Note");
          o.set("user", GitLabRoutes.user(parts[0]));
          out.add(o);
        }
        return g.pageOf(r, out);
      }
      if (note.group(2) != null && r.method().equals("POST")) {
        String name = r.body().path("name").asText("");
        if (!given.add(g.bot + ":" + name)) {
          return g.err(404, "404 Award Emoji Name has already been taken");
        }
        ObjectNode o =
            JSON.createObjectNode()
                .put("id", g.nextId())
                .put("name", name)
                .put("awardable_id", id)
                .put("awardable_type", "Note");
        o.set("user", GitLabRoutes.user(g.bot));
        return Answer.of(201, o);
      }
      return g.err(405, "405 Method Not Allowed");
    }

    private static void labels(MergeRequest m, String csv, boolean add) {
      for (String l : csv.split(",")) {
        if (!l.isBlank()) {
          if (add) {
            m.labels.add(l.strip());
          } else {
            m.labels.remove(l.strip());
          }
        }
      }
    }

    static ObjectNode noteJson(MergeRequest m, NoteData n) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", n.id())
              .put("type", (String) null)
              .put("body", n.body())
              .put("created_at", n.at().toString())
              .put("updated_at", n.at().toString())
              .put("system", n.system())
              .put("noteable_id", m.id)
              .put("noteable_type", "MergeRequest")
              .put("noteable_iid", m.iid)
              .put("resolvable", false);
      o.set("author", GitLabRoutes.user(n.author()));
      return o;
    }

    /** Free tier: no approval rules, so no {@code approvals_required}/{@code approvals_left}. */
    private static ObjectNode approvals(FakeGitLab g, Project p, MergeRequest m) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", m.id)
              .put("iid", m.iid)
              .put("project_id", p.id)
              .put("state", m.state)
              .put("approved", !m.approvals.isEmpty());
      if (g.premium) {
        o.put("approvals_required", 1);
        o.put("approvals_left", Math.max(0, 1 - m.approvals.size()));
      }
      ArrayNode by = o.putArray("approved_by");
      for (Approval a : m.approvals) {
        ObjectNode entry = by.addObject();
        entry.set("user", GitLabRoutes.user(a.user()));
        entry.put("approved_at", a.at().toString());
      }
      return o;
    }

    private static Answer merge(FakeGitLab g, Project p, MergeRequest m, JsonNode in) {
      String sha = in.path("sha").asText("");
      boolean squash = in.path("squash").asBoolean(false);
      Answer a;
      if (!m.state.equals("opened") || m.draft) {
        a = g.err(405, "405 Method Not Allowed");
      } else if (Set.of("checking", "unchecked", "preparing").contains(m.mergeStatus)) {
        a = g.err(406, "Branch cannot be merged");
      } else if (!sha.isEmpty() && !sha.equals(m.sha)) {
        a = g.err(409, "SHA does not match HEAD of source branch: " + m.sha);
      } else if (!m.mergeStatus.equals("mergeable")) {
        a = g.err(422, "Branch cannot be merged");
      } else {
        Optional<String> landed =
            p.remote == null
                ? Optional.of(String.format("%040x", g.nextId()))
                : p.remote.merge(
                    m.targetBranch, m.sha, squash ? "squash" : "merge", m.title + "\n", g.now());
        if (landed.isEmpty()) {
          a = g.err(406, "Branch cannot be merged");
        } else {
          m.state = "merged";
          m.mergeCommitSha = landed.get();
          p.branches.put(m.targetBranch, m.mergeCommitSha);
          m.updatedAt = g.tick();
          a = Answer.of(200, GitLabRoutes.mrJson(p, m));
        }
      }
      g.merges.add(new MergeCall(p.path, m.iid, sha, squash, a.status()));
      return a;
    }
  }
}
