package dev.ciorchestrator.forge.gitea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ciorchestrator.forge.hosted.FakeForgeServer;
import dev.ciorchestrator.forge.hosted.FakeGitRemote;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * A local HTTP server that behaves like Gitea's (and Forgejo's) REST API {@code /api/v1} for what
 * the adapter uses, shaped as Gitea's swagger describes it: pulls, changed files, reviews, issue
 * comments and their reactions, labels by id, commit statuses, merges ({@code Do}, {@code
 * head_commit_id}; 409 "head out of date", 405 while checking), branches, collaborators and org
 * members (204/404), {@code Authorization: token}, {@code limit}/{@code page} with {@code Link} and
 * {@code X-Total-Count}. No {@code ETag}s and no listing by time, as Gitea has neither.
 */
public final class FakeGitea extends FakeForgeServer {
  /** A comment as stored. */
  public record CommentData(long id, String login, String body, Instant at) {}

  /** A status as stored. */
  public record StatusData(long id, String context, String state, String description) {}

  /** A merge call Gitea received. */
  public record MergeCall(String repo, long number, String how, String headCommitId, int status) {}

  private record ReviewData(long id, String login, String state, String commitId, Instant at) {}

  private static final class Pull {
    long id;
    long number;
    String title;
    String author;
    String state = "open";
    boolean merged;
    String mergeSha;
    String headRef;
    String headSha;
    String baseRef;
    String baseSha;
    Boolean mergeable = Boolean.TRUE;
    boolean checking;
    List<String> files = new ArrayList<>();
    Set<Long> labels = new LinkedHashSet<>();
    List<CommentData> comments = new ArrayList<>();
    List<ReviewData> reviews = new ArrayList<>();
    Instant createdAt;
    Instant updatedAt;
  }

  private static final class Repo {
    final Map<Long, Pull> pulls = new TreeMap<>();
    final Map<String, String> branches = new TreeMap<>();
    final Map<String, List<StatusData>> statuses = new HashMap<>();
    final Map<Long, String> labels = new TreeMap<>();
    final Set<String> collaborators = new HashSet<>();
    FakeGitRemote remote;
  }

  private static final List<String> HOW =
      List.of("merge", "rebase", "rebase-merge", "squash", "fast-forward-only", "manually-merged");

  private static final Pattern REPO = Pattern.compile("/repos/([^/]+/[^/]+)(/.*)?");

  private final Set<String> tokens = new LinkedHashSet<>();
  private final Map<String, Repo> repos = new TreeMap<>();
  private final Map<String, Set<String>> orgMembers = new HashMap<>();
  private final Map<Long, Set<String>> reactions = new HashMap<>();
  private final List<MergeCall> merges = new ArrayList<>();
  private String bot = "ci-bot";

  private FakeGitea() throws IOException {
    super();
  }

  public static FakeGitea start(String token) throws IOException {
    FakeGitea fake = new FakeGitea();
    fake.tokens.add(token);
    return fake;
  }

  @Override
  protected String apiPrefix() {
    return "/api/v1";
  }

  // ---- setting up state ----

  public synchronized void botLogin(String login) {
    bot = login;
  }

  public synchronized void branch(String repo, String name, String sha) {
    repo(repo).branches.put(name, sha);
  }

  /**
   * Backs {@code repo} with the real bare repository {@code bare}: merges happen in it for real and
   * the branches are its branches, pushed ones included. As on Gitea (without its "autodetect
   * manual merge" option), a push alone merges no pull request; {@code Do: manually-merged} does.
   */
  public synchronized void gitRemote(String repo, java.nio.file.Path bare) {
    repo(repo).remote = new FakeGitRemote(bare);
    sync(repo(repo));
  }

  private static void sync(Repo r) {
    if (r.remote != null) {
      r.branches.clear();
      r.branches.putAll(r.remote.branches());
    }
  }

  public synchronized void collaborator(String repo, String login) {
    repo(repo).collaborators.add(login.toLowerCase());
  }

  public synchronized void orgMember(String org, String login) {
    orgMembers.computeIfAbsent(org, o -> new HashSet<>()).add(login.toLowerCase());
  }

  public synchronized long openPull(
      String repo,
      String author,
      String title,
      String headRef,
      String headSha,
      String baseRef,
      List<String> files) {
    Repo r = repo(repo);
    Pull p = new Pull();
    p.id = nextId();
    p.number = r.pulls.size() + 1;
    p.author = author;
    p.title = title;
    p.headRef = headRef;
    p.headSha = headSha;
    p.baseRef = baseRef;
    p.baseSha = r.branches.getOrDefault(baseRef, "");
    p.files.addAll(files);
    p.createdAt = tick();
    p.updatedAt = p.createdAt;
    r.pulls.put(p.number, p);
    return p.number;
  }

  public synchronized void push(String repo, long number, String sha) {
    Pull p = pull(repo, number);
    p.headSha = sha;
    p.updatedAt = tick();
  }

  /** Gitea still checking whether it can merge: {@code mergeable} false, merges 405. */
  public synchronized void checking(String repo, long number, boolean checking) {
    pull(repo, number).checking = checking;
  }

  public synchronized long comment(String repo, long number, String login, String body) {
    Pull p = pull(repo, number);
    CommentData c = new CommentData(nextId(), login, body, tick());
    p.comments.add(c);
    p.updatedAt = c.at();
    return c.id();
  }

  /** A review: APPROVED, REQUEST_CHANGES or COMMENT, of {@code commitId}. */
  public synchronized void review(
      String repo, long number, String login, String state, String commitId) {
    Pull p = pull(repo, number);
    p.reviews.add(new ReviewData(nextId(), login, state, commitId, tick()));
    p.updatedAt = now();
  }

  // ---- inspecting ----

  public synchronized List<CommentData> comments(String repo, long number) {
    return List.copyOf(pull(repo, number).comments);
  }

  public synchronized List<String> labels(String repo, long number) {
    Repo r = repo(repo);
    return pull(repo, number).labels.stream().map(r.labels::get).toList();
  }

  public synchronized List<StatusData> statuses(String repo, String sha) {
    return List.copyOf(repo(repo).statuses.getOrDefault(sha, List.of()));
  }

  /** Logins that reacted with {@code content} to comment {@code id}. */
  public synchronized Set<String> reactions(long commentId, String content) {
    Set<String> out = new LinkedHashSet<>();
    for (String e : reactions.getOrDefault(commentId, Set.of())) {
      if (e.endsWith(":" + content)) {
        out.add(e.substring(0, e.indexOf(':')));
      }
    }
    return out;
  }

  public synchronized List<MergeCall> merges() {
    return List.copyOf(merges);
  }

  public synchronized boolean merged(String repo, long number) {
    return pull(repo, number).merged;
  }

  // ---- the API ----

  @Override
  protected boolean authorized(Function<String, String> header) {
    String auth = Optional.ofNullable(header.apply("Authorization")).orElse("");
    return auth.startsWith("token ") && tokens.contains(auth.substring(6));
  }

  @Override
  protected Answer error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("message", message);
    o.put("url", root() + "/api/swagger");
    return Answer.of(status, o);
  }

  @Override
  protected Answer rateLimited(long seconds) {
    Answer a = error(429, "Too Many Requests");
    a.headers().put("Retry-After", Long.toString(seconds));
    return a;
  }

  @Override
  protected Answer route(Request r) {
    Matcher org = Pattern.compile("/orgs/([^/]+)/members/([^/]+)").matcher(r.path());
    if (r.method().equals("GET") && org.matches()) {
      boolean yes =
          orgMembers.getOrDefault(org.group(1), Set.of()).contains(org.group(2).toLowerCase());
      return yes ? Answer.of(204, null) : error(404, "user is not a member of the organization");
    }
    Matcher m = REPO.matcher(r.path());
    if (!m.matches() || !repos.containsKey(m.group(1))) {
      return error(404, "The target couldn't be found.");
    }
    sync(repos.get(m.group(1)));
    return Routes.route(
        this, m.group(1), repos.get(m.group(1)), r, m.group(2) == null ? "" : m.group(2));
  }

  Answer pageOf(Request r, List<? extends JsonNode> items) {
    return page(r, items, "limit", 30, 50);
  }

  private Repo repo(String name) {
    return repos.computeIfAbsent(name, n -> new Repo());
  }

  private Pull pull(String repo, long number) {
    Pull p = repo(repo).pulls.get(number);
    if (p == null) {
      throw new IllegalArgumentException("no pull request " + repo + "#" + number);
    }
    return p;
  }

  /** The routes under one repository, shaped as Gitea's swagger documents them. */
  private static final class Routes {
    static Answer route(FakeGitea g, String name, Repo repo, Request r, String rest) {
      String verb = r.method() + " " + rest;
      if (verb.equals("GET /pulls")) {
        String state = r.query().getOrDefault("state", "open");
        List<JsonNode> out = new ArrayList<>();
        repo.pulls.values().stream()
            .filter(p -> state.equals("all") || p.state.equals(state))
            .forEach(p -> out.add(pullJson(g, name, repo, p)));
        return g.pageOf(r, out);
      }
      if (verb.equals("GET /branches")) {
        List<JsonNode> out = new ArrayList<>();
        repo.branches.forEach(
            (b, sha) -> {
              ObjectNode o = JSON.createObjectNode().put("name", b).put("protected", false);
              o.putObject("commit").put("id", sha).put("message", "commit");
              out.add(o);
            });
        return g.pageOf(r, out);
      }
      if (verb.equals("GET /labels")) {
        List<JsonNode> out = new ArrayList<>();
        repo.labels.forEach((id, l) -> out.add(labelJson(id, l)));
        return g.pageOf(r, out);
      }
      if (verb.equals("POST /labels")) {
        long id = g.nextId();
        repo.labels.put(id, r.body().path("name").asText());
        return Answer.of(201, labelJson(id, repo.labels.get(id)));
      }
      Matcher collab = Pattern.compile("/collaborators/([^/]+)").matcher(rest);
      if (r.method().equals("GET") && collab.matches()) {
        return repo.collaborators.contains(collab.group(1).toLowerCase())
            ? Answer.of(204, null)
            : g.error(404, "user is not a collaborator");
      }
      Matcher status = Pattern.compile("/statuses/([0-9a-f]+)").matcher(rest);
      if (r.method().equals("POST") && status.matches()) {
        String state = r.body().path("state").asText("");
        if (!Set.of("pending", "success", "error", "failure", "warning").contains(state)) {
          return g.error(422, "[State]: invalid state");
        }
        StatusData s =
            new StatusData(
                g.nextId(),
                r.body().path("context").asText(""),
                state,
                r.body().path("description").asText(""));
        repo.statuses.computeIfAbsent(status.group(1), k -> new ArrayList<>()).add(s);
        return Answer.of(201, statusJson(s));
      }
      Matcher statuses = Pattern.compile("/commits/([0-9a-f]+)/statuses").matcher(rest);
      if (r.method().equals("GET") && statuses.matches()) {
        List<JsonNode> out = new ArrayList<>();
        repo.statuses.getOrDefault(statuses.group(1), List.of()).stream()
            .sorted((a, b) -> Long.compare(b.id(), a.id()))
            .forEach(s -> out.add(statusJson(s)));
        return g.pageOf(r, out);
      }
      Matcher comment = Pattern.compile("/issues/comments/(\\d+)(/reactions)?").matcher(rest);
      if (comment.matches()) {
        return commentRoutes(
            g, repo, r, Long.parseLong(comment.group(1)), comment.group(2) != null);
      }
      Matcher issue = Pattern.compile("/(issues|pulls)/(\\d+)(/.*)?").matcher(rest);
      if (issue.matches()) {
        Pull p = repo.pulls.get(Long.parseLong(issue.group(2)));
        if (p == null) {
          return g.error(404, "The target couldn't be found.");
        }
        String sub = issue.group(1) + (issue.group(3) == null ? "" : issue.group(3));
        return PullRoutes.route(g, name, repo, p, r, sub);
      }
      return g.error(404, "The target couldn't be found.");
    }

    private static Answer commentRoutes(
        FakeGitea g, Repo repo, Request r, long id, boolean reactions) {
      Optional<Pull> owner =
          repo.pulls.values().stream()
              .filter(p -> p.comments.stream().anyMatch(c -> c.id() == id))
              .findAny();
      if (owner.isEmpty()) {
        return g.error(404, "The target couldn't be found.");
      }
      Pull p = owner.get();
      if (!reactions && r.method().equals("PATCH")) {
        for (int i = 0; i < p.comments.size(); i++) {
          CommentData c = p.comments.get(i);
          if (c.id() == id) {
            CommentData edited =
                new CommentData(id, c.login(), r.body().path("body").asText(), c.at());
            p.comments.set(i, edited);
            p.updatedAt = g.tick();
            return Answer.of(200, commentJson(edited));
          }
        }
      }
      Set<String> given = g.reactions.computeIfAbsent(id, k -> new LinkedHashSet<>());
      if (reactions && r.method().equals("GET")) {
        List<JsonNode> out = new ArrayList<>();
        for (String e : given) {
          ObjectNode o = JSON.createObjectNode().put("content", e.substring(e.indexOf(':') + 1));
          o.set("user", user(e.substring(0, e.indexOf(':'))));
          o.put("created_at", g.now().toString());
          out.add(o);
        }
        return g.pageOf(r, out);
      }
      if (reactions && r.method().equals("POST")) {
        String content = r.body().path("content").asText("");
        boolean fresh = given.add(g.bot + ":" + content);
        ObjectNode o = JSON.createObjectNode().put("content", content);
        o.set("user", user(g.bot));
        o.put("created_at", g.now().toString());
        return Answer.of(fresh ? 201 : 200, o);
      }
      return g.error(405, "Method Not Allowed");
    }

    static ObjectNode user(String login) {
      return JSON.createObjectNode()
          .put("id", Math.abs(login.hashCode()) % 100_000)
          .put("login", login)
          .put("login_name", "")
          .put("full_name", login)
          .put("email", login + "@noreply.example.com")
          .put("username", login);
    }

    static ObjectNode labelJson(long id, String name) {
      return JSON.createObjectNode()
          .put("id", id)
          .put("name", name)
          .put("color", "e11d21")
          .put("description", "")
          .put("exclusive", false);
    }

    static ObjectNode statusJson(StatusData s) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", s.id())
              .put("status", s.state())
              .put("target_url", "")
              .put("description", s.description())
              .put("context", s.context());
      o.set("creator", user("ci-bot"));
      return o;
    }

    static ObjectNode commentJson(CommentData c) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", c.id())
              .put("body", c.body())
              .put("created_at", c.at().toString())
              .put("updated_at", c.at().toString());
      o.set("user", user(c.login()));
      return o;
    }

    static ObjectNode pullJson(FakeGitea g, String name, Repo repo, Pull p) {
      ObjectNode o =
          JSON.createObjectNode()
              .put("id", p.id)
              .put("number", p.number)
              .put("title", p.title)
              .put("body", "")
              .put("state", p.state)
              .put("draft", false)
              .put("is_locked", false)
              .put("comments", p.comments.size())
              .put("html_url", g.root() + "/" + name + "/pulls/" + p.number)
              .put("mergeable", p.mergeable && !p.checking)
              .put("merged", p.merged)
              .put("merge_base", p.baseSha)
              .put("created_at", p.createdAt.toString())
              .put("updated_at", p.updatedAt.toString());
      o.set("user", user(p.author));
      if (p.mergeSha == null) {
        o.putNull("merge_commit_sha");
      } else {
        o.put("merge_commit_sha", p.mergeSha);
      }
      ArrayNode labels = o.putArray("labels");
      p.labels.forEach(id -> labels.add(labelJson(id, repo.labels.get(id))));
      o.putObject("head").put("label", p.headRef).put("ref", p.headRef).put("sha", p.headSha);
      o.putObject("base").put("label", p.baseRef).put("ref", p.baseRef).put("sha", p.baseSha);
      return o;
    }
  }

  /** The routes under one pull request ({@code pulls/…}) or its issue ({@code issues/…}). */
  private static final class PullRoutes {
    static Answer route(FakeGitea g, String name, Repo repo, Pull p, Request r, String sub) {
      String verb = r.method() + " " + sub;
      switch (verb) {
        case "GET pulls" -> {
          return Answer.of(200, Routes.pullJson(g, name, repo, p));
        }
        case "GET pulls/files" -> {
          List<JsonNode> out = new ArrayList<>();
          p.files.forEach(
              f ->
                  out.add(
                      JSON.createObjectNode()
                          .put("filename", f)
                          .put("status", "changed")
                          .put("additions", 1)
                          .put("deletions", 1)
                          .put("changes", 2)));
          return g.pageOf(r, out);
        }
        case "GET pulls/reviews" -> {
          List<JsonNode> out = new ArrayList<>();
          for (ReviewData rv : p.reviews) {
            ObjectNode o =
                JSON.createObjectNode()
                    .put("id", rv.id())
                    .put("state", rv.state())
                    .put("body", "")
                    .put("commit_id", rv.commitId())
                    .put("stale", !rv.commitId().equals(p.headSha))
                    .put("official", true)
                    .put("dismissed", false)
                    .put("submitted_at", rv.at().toString());
            o.set("user", Routes.user(rv.login()));
            out.add(o);
          }
          return g.pageOf(r, out);
        }
        case "GET issues/comments" -> {
          List<JsonNode> out = new ArrayList<>();
          p.comments.forEach(c -> out.add(Routes.commentJson(c)));
          return g.pageOf(r, out);
        }
        case "POST issues/comments" -> {
          CommentData c =
              new CommentData(g.nextId(), g.bot, r.body().path("body").asText(), g.tick());
          p.comments.add(c);
          p.updatedAt = c.at();
          return Answer.of(201, Routes.commentJson(c));
        }
        case "POST issues/labels" -> {
          for (JsonNode id : r.body().path("labels")) {
            if (!repo.labels.containsKey(id.asLong())) {
              return g.error(422, "label does not exist");
            }
            p.labels.add(id.asLong());
          }
          p.updatedAt = g.tick();
          List<JsonNode> out = new ArrayList<>();
          p.labels.forEach(id -> out.add(Routes.labelJson(id, repo.labels.get(id))));
          return Answer.of(200, JSON.valueToTree(out));
        }
        case "POST pulls/merge" -> {
          return merge(g, name, repo, p, r.body());
        }
        default -> {
          Matcher label = Pattern.compile("issues/labels/(\\d+)").matcher(sub);
          if (r.method().equals("DELETE") && label.matches()) {
            p.labels.remove(Long.parseLong(label.group(1)));
            p.updatedAt = g.tick();
            return Answer.of(204, null);
          }
          return g.error(404, "The target couldn't be found.");
        }
      }
    }

    private static Answer merge(FakeGitea g, String name, Repo repo, Pull p, JsonNode in) {
      String how = in.path("Do").asText("");
      String head = in.path("head_commit_id").asText("");
      Answer a;
      if (!HOW.contains(how)) {
        a = g.error(422, "[Do]: Do must be one of " + String.join(", ", HOW));
      } else if (p.merged || !p.state.equals("open")) {
        a = g.error(405, "The PR is already merged or closed");
      } else if (how.equals("manually-merged")) {
        a = manuallyMerged(g, repo, p, in.path("merge_commit_id").asText(""));
      } else if (p.checking) {
        a = g.error(405, "Please try again later");
      } else if (!head.isEmpty() && !head.equals(p.headSha)) {
        a = g.error(409, "head out of date");
      } else if (!p.mergeable) {
        a = g.error(405, "Please try again later");
      } else {
        Optional<String> landed =
            repo.remote == null
                ? Optional.of(String.format("%040x", g.nextId()))
                : how.equals("fast-forward-only")
                    ? Optional.of(p.headSha).filter(h -> repo.remote.fastForward(p.baseRef, h))
                    : repo.remote.merge(
                        p.baseRef,
                        p.headSha,
                        how.startsWith("rebase") ? "rebase" : how,
                        p.title + "\n",
                        g.now());
        if (landed.isEmpty()) {
          a = g.error(409, "merge conflict");
        } else {
          merged(g, repo, p, landed.get());
          a = Answer.of(200, null);
        }
      }
      g.merges.add(new MergeCall(name, p.number, how, head, a.status()));
      return a;
    }

    /** {@code manually-merged}: the commit must be on the base branch and contain the head. */
    private static Answer manuallyMerged(FakeGitea g, Repo repo, Pull p, String commit) {
      String tip = repo.branches.getOrDefault(p.baseRef, "");
      if (repo.remote == null
          || commit.isEmpty()
          || tip.isEmpty()
          || !repo.remote.contains(tip, commit)
          || !repo.remote.contains(commit, p.headSha)) {
        return g.error(422, "Wrong commit ID");
      }
      merged(g, repo, p, commit);
      return Answer.of(200, null);
    }

    private static void merged(FakeGitea g, Repo repo, Pull p, String sha) {
      p.merged = true;
      p.state = "closed";
      p.mergeSha = sha;
      repo.branches.put(p.baseRef, sha);
      p.updatedAt = g.tick();
    }
  }
}
