package dev.ciorchestrator.forge.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ciorchestrator.forge.hosted.FakeGitRemote;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that behaves like GitHub's REST API for what the adapter uses (pulls, files,
 * reviews, issue comments and their reactions, labels, commit statuses, merges, branches, org
 * membership, collaborators, App installation tokens), with responses shaped as GitHub documents
 * them: {@code ETag}/{@code If-None-Match} (a 304 does not count against the rate limit), {@code
 * x-ratelimit-*} headers, {@code Link} pagination, and injectable faults (5xx, slow answers,
 * malformed JSON, primary and secondary rate limits).
 *
 * <p>Public so other tests and ITs can reuse it: state is set up and inspected through plain
 * methods; every counter is thread-safe. Times come from a fake clock that moves one second on
 * every change, so comment order is deterministic.
 */
public final class FakeGitHub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A comment as stored. */
  public record CommentData(long id, String login, String body, Instant createdAt) {}

  /** A merge call GitHub received. */
  public record MergeCall(String repo, long number, String method, String sha, int status) {}

  /** A status as stored. */
  public record StatusData(String context, String state, String description, String targetUrl) {}

  private record Reaction(String login, String content) {}

  private record ReviewData(long id, String login, String state, String commitId, Instant at) {}

  private static final class PullData {
    long number;
    String title;
    String author;
    boolean draft;
    String state = "open";
    boolean merged;
    String mergeSha;
    String headRef;
    String headSha;
    String baseRef;
    String baseSha;
    Boolean mergeable = Boolean.TRUE;
    List<String> files = new ArrayList<>();
    Set<String> labels = new LinkedHashSet<>();
    List<CommentData> comments = new ArrayList<>();
    List<ReviewData> reviews = new ArrayList<>();
    Instant createdAt;
    Instant updatedAt;
  }

  private static final class RepoData {
    final Map<Long, PullData> pulls = new TreeMap<>();
    final Map<String, String> branches = new TreeMap<>();
    final Map<String, List<StatusData>> statuses = new HashMap<>();
    final Set<String> collaborators = new HashSet<>();
  }

  /** One injected fault, for the next request whose "METHOD /path" matches. */
  private record Fault(Predicate<String> matches, String kind, long value) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final Map<String, RepoData> repos = new TreeMap<>();
  private final Map<String, FakeGitRemote> remotes = new HashMap<>();
  private final Map<String, Set<String>> orgMembers = new HashMap<>();
  private final Map<Long, CommentData> commentsById = new HashMap<>();
  private final Map<Long, List<Reaction>> reactions = new HashMap<>();
  private final Map<Long, String> commentRepo = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<MergeCall> merges = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final Set<String> tokens = new HashSet<>();
  private final Map<String, Instant> appTokens = new HashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger notModified = new AtomicInteger();
  private final AtomicInteger costed = new AtomicInteger();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private Instant now = Instant.parse("2026-11-26T00:00:00Z");
  private long nextId = 1000;
  private int limit = 5000; // a personal token's hourly limit
  private int remaining = limit;
  private long appId;
  private PublicKey appKey;
  private Duration appTokenLife = Duration.ofHours(1);
  private String lastJwt = "";
  private boolean reactionRollups = true;
  private boolean mergedField = true;
  private Instant appTokenExpiresAt;
  private final Set<String> disallowedMergeMethods = new HashSet<>();

  private FakeGitHub(HttpServer server) {
    this.server = server;
  }

  /** Starts on 127.0.0.1 on a free port; accepts {@code token} as a personal token. */
  public static FakeGitHub start(String token) throws IOException {
    // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK:
    // 40 ms per request. Read once, when the JDK's server classes first load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeGitHub fake = new FakeGitHub(server);
    fake.tokens.add(token);
    server.createContext("/", fake::handle);
    server.setExecutor(fake.pool);
    server.start();
    return fake;
  }

  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  // ---- setting up state ----

  public synchronized void branch(String repo, String name, String sha) {
    repo(repo).branches.put(name, sha);
  }

  /**
   * Backs {@code repo} with the real bare repository {@code bare}: merges and ref updates then
   * happen in it for real, and {@code GET /branches} lists its branches, pushed ones included.
   */
  public synchronized void gitRemote(String repo, java.nio.file.Path bare) {
    remotes.put(repo, new FakeGitRemote(bare));
    repo(repo).branches.putAll(remotes.get(repo).branches());
  }

  /**
   * Opens pull request {@code number} from {@code headRef} at {@code headSha} into {@code baseRef}.
   */
  public synchronized long openPull(
      String repo,
      String author,
      String title,
      String headRef,
      String headSha,
      String baseRef,
      List<String> files) {
    RepoData r = repo(repo);
    PullData p = new PullData();
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

  /** A push to the pull request's branch. */
  public synchronized void push(String repo, long number, String headSha) {
    PullData p = pull(repo, number);
    p.headSha = headSha;
    p.updatedAt = tick();
  }

  public synchronized void setMergeable(String repo, long number, Boolean mergeable) {
    pull(repo, number).mergeable = mergeable;
  }

  /** A person comments; returns the comment id. */
  public synchronized long comment(String repo, long number, String login, String body) {
    PullData p = pull(repo, number);
    CommentData c = new CommentData(nextId++, login, body, tick());
    p.comments.add(c);
    commentsById.put(c.id(), c);
    commentRepo.put(c.id(), repo + "#" + number);
    p.updatedAt = c.createdAt();
    return c.id();
  }

  public synchronized void review(
      String repo, long number, String login, String state, String commitId) {
    PullData p = pull(repo, number);
    p.reviews.add(new ReviewData(nextId++, login, state, commitId, tick()));
    p.updatedAt = now;
  }

  public synchronized void member(String org, String login) {
    orgMembers.computeIfAbsent(org, o -> new HashSet<>()).add(login.toLowerCase());
  }

  public synchronized void collaborator(String repo, String login) {
    repo(repo).collaborators.add(login.toLowerCase());
  }

  /** Registers a GitHub App: JWTs signed by its key buy installation tokens. */
  public synchronized void app(long id, PublicKey key, Duration tokenLife) {
    this.appId = id;
    this.appKey = key;
    this.appTokenLife = tokenLife;
  }

  /**
   * The hourly limit: 5,000 for a personal token (the default), up to 12,500 for an App
   * installation, 15,000 on Enterprise Cloud. Resets what is left to it.
   */
  public synchronized void rateLimit(int perHour) {
    limit = perHour;
    remaining = perHour;
  }

  /** Requests left in this hour. */
  public synchronized int remaining() {
    return remaining;
  }

  /** Moves the fake clock (App token expiry, rate-limit reset times). */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  public synchronized Instant now() {
    return now;
  }

  /**
   * Whether comments carry the optional {@code reactions} rollup (GitHub's schema does not require
   * it, and its own example leaves it out).
   */
  public synchronized void reactionRollups(boolean present) {
    reactionRollups = present;
  }

  /** Whether a merge's 200 answer carries its required {@code merged} field. */
  public synchronized void mergedField(boolean present) {
    mergedField = present;
  }

  /**
   * The {@code expires_at} every App token answer shows from now on, whatever the token's real life
   * (a clock that disagrees with GitHub's, or a stub serving an old example).
   */
  public synchronized void appTokenExpiresAt(Instant shown) {
    appTokenExpiresAt = shown;
  }

  /** The repository's settings forbid merging with {@code method}: 422, Validation Failed. */
  public synchronized void disallowMerge(String method) {
    disallowedMergeMethods.add(method);
  }

  // ---- faults ----

  /**
   * The next {@code count} requests matching {@code "METHOD /path"} prefix answer {@code status}.
   */
  public synchronized void failNext(String prefix, int count, int status) {
    for (int i = 0; i < count; i++) {
      faults.add(new Fault(s -> s.startsWith(prefix), "status", status));
    }
  }

  /** The next matching request is answered only after {@code delay} (a client timeout). */
  public synchronized void slowNext(String prefix, Duration delay) {
    faults.add(new Fault(s -> s.startsWith(prefix), "slow", delay.toMillis()));
  }

  /** The next matching request gets a 200 whose body is not JSON. */
  public synchronized void malformedNext(String prefix) {
    faults.add(new Fault(s -> s.startsWith(prefix), "malformed", 0));
  }

  /** The next matching request hits a secondary rate limit: 403 with {@code retry-after}. */
  public synchronized void secondaryLimitNext(String prefix, long retryAfterSeconds) {
    faults.add(new Fault(s -> s.startsWith(prefix), "secondary", retryAfterSeconds));
  }

  /** The primary limit is used up until {@code seconds} from the fake now. */
  public synchronized void exhaustRateLimit(long seconds) {
    remaining = 0;
    faults.add(new Fault(s -> true, "reset-at", now.getEpochSecond() + seconds));
  }

  // ---- inspecting ----

  public synchronized List<CommentData> comments(String repo, long number) {
    return List.copyOf(pull(repo, number).comments);
  }

  public synchronized List<String> labels(String repo, long number) {
    return List.copyOf(pull(repo, number).labels);
  }

  /** Every status set on {@code sha}, oldest first. */
  public synchronized List<StatusData> statuses(String repo, String sha) {
    return List.copyOf(repo(repo).statuses.getOrDefault(sha, List.of()));
  }

  /** Logins that reacted with {@code content} to comment {@code id}. */
  public synchronized List<String> reactions(long commentId, String content) {
    return reactions.getOrDefault(commentId, List.of()).stream()
        .filter(r -> r.content().equals(content))
        .map(Reaction::login)
        .toList();
  }

  public synchronized List<MergeCall> merges() {
    return List.copyOf(merges);
  }

  public synchronized boolean merged(String repo, long number) {
    return pull(repo, number).merged;
  }

  public synchronized Optional<String> branchSha(String repo, String branch) {
    return Optional.ofNullable(repo(repo).branches.get(branch));
  }

  /** "METHOD /path?query" of every request, in order. */
  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  public int requests() {
    return requests.get();
  }

  /** Requests answered 304 (free). */
  public int notModified() {
    return notModified.get();
  }

  /** Requests that counted against the rate limit (every answer but a 304). */
  public int costed() {
    return costed.get();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  /** The last App JWT presented, for checks on its claims. */
  public synchronized String lastJwt() {
    return lastJwt;
  }

  public synchronized void resetCounters() {
    requests.set(0);
    notModified.set(0);
    costed.set(0);
    log.clear();
  }

  // ---- serving ----

  private record Answer(int status, JsonNode body, Map<String, String> headers) {
    static Answer of(int status, JsonNode body) {
      return new Answer(status, body, new LinkedHashMap<>());
    }
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      URI uri = x.getRequestURI();
      String path = uri.getRawPath();
      String line =
          method + " " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      byte[] in;
      try (InputStream body = x.getRequestBody()) {
        in = body.readAllBytes();
      }
      requests.incrementAndGet();
      Fault fault;
      synchronized (this) {
        log.add(line);
        fault = takeFault(line);
      }
      if (fault != null && fault.kind().equals("slow")) {
        sleep(fault.value());
      }
      Answer a;
      synchronized (this) {
        a = answer(fault, method, path, query(uri), in, x);
      }
      write(x, a, method);
    } catch (RuntimeException e) {
      // a bug in the fake: answer 500 so the test sees it rather than hanging
      byte[] b = ("{\"message\":\"fake failed: " + e + "\"}").getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(500, b.length);
      x.getResponseBody().write(b);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Fault takeFault(String line) {
    for (var it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.kind().equals("reset-at")) {
        continue;
      }
      if (f.matches().test(line)) {
        it.remove();
        return f;
      }
    }
    return null;
  }

  private Answer answer(
      Fault fault,
      String method,
      String path,
      Map<String, String> query,
      byte[] in,
      HttpExchange x) {
    String auth = Optional.ofNullable(x.getRequestHeaders().getFirst("Authorization")).orElse("");
    Matcher token =
        Pattern.compile("POST /app/installations/(\\d+)/access_tokens")
            .matcher(method + " " + path);
    if (token.matches()) {
      return accessToken(auth);
    }
    if (!authorized(auth)) {
      return error(401, "Bad credentials");
    }
    Optional<Answer> limited = rateLimited(fault);
    if (limited.isPresent()) {
      return limited.get();
    }
    if (fault != null && fault.kind().equals("status")) {
      return error((int) fault.value(), "injected failure");
    }
    if (fault != null && fault.kind().equals("malformed")) {
      return new Answer(200, null, new LinkedHashMap<>(Map.of("x-malformed", "1")));
    }
    JsonNode body;
    try {
      body = in.length == 0 ? JSON.createObjectNode() : JSON.readTree(in);
    } catch (IOException e) {
      return error(400, "Problems parsing JSON");
    }
    return Routes.route(this, method, path, query, body);
  }

  private Optional<Answer> rateLimited(Fault fault) {
    if (fault != null && fault.kind().equals("secondary")) {
      Answer a =
          error(
              403,
              "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
      a.headers().put("retry-after", Long.toString(fault.value()));
      return Optional.of(a);
    }
    if (remaining <= 0) {
      Instant reset = resetAt();
      if (!now.isBefore(reset)) {
        remaining = limit;
        faults.removeIf(f -> f.kind().equals("reset-at"));
        return Optional.empty();
      }
      return Optional.of(error(403, "API rate limit exceeded for user ID 1."));
    }
    return Optional.empty();
  }

  private Instant resetAt() {
    return faults.stream()
        .filter(f -> f.kind().equals("reset-at"))
        .findFirst()
        .map(f -> Instant.ofEpochSecond(f.value()))
        .orElse(now.plusSeconds(3600));
  }

  private boolean authorized(String auth) {
    if (!auth.startsWith("Bearer ") && !auth.startsWith("token ")) {
      return false;
    }
    String t = auth.substring(auth.indexOf(' ') + 1);
    if (tokens.contains(t)) {
      return true;
    }
    Instant expires = appTokens.get(t);
    return expires != null && now.isBefore(expires);
  }

  /**
   * {@code POST /app/installations/{id}/access_tokens}: a valid RS256 JWT by the App buys a token.
   */
  private Answer accessToken(String auth) {
    if (appKey == null || !auth.startsWith("Bearer ")) {
      return error(401, "A JSON web token could not be decoded");
    }
    String jwt = auth.substring(7);
    lastJwt = jwt;
    String[] parts = jwt.split("\\.");
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(appKey);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
      if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return error(401, "A JSON web token could not be decoded");
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (!claims.path("iss").asText().equals(Long.toString(appId))) {
        return error(401, "'Issuer' claim ('iss') must be an Integer");
      }
    } catch (Exception e) {
      return error(401, "A JSON web token could not be decoded");
    }
    String t = "ghs_fake" + tokensIssued.incrementAndGet();
    Instant expires = now.plus(appTokenLife);
    appTokens.put(t, expires);
    ObjectNode o = JSON.createObjectNode();
    o.put("token", t);
    o.put("expires_at", (appTokenExpiresAt == null ? expires : appTokenExpiresAt).toString());
    o.putObject("permissions").put("pull_requests", "write").put("issues", "write");
    o.put("repository_selection", "selected");
    return Answer.of(201, o);
  }

  private void write(HttpExchange x, Answer a, String method) throws IOException {
    byte[] bytes =
        a.body() == null
            ? (a.headers().containsKey("x-malformed")
                ? "{\"number\": 1, oops".getBytes(StandardCharsets.UTF_8)
                : new byte[0])
            : JSON.writeValueAsBytes(a.body());
    a.headers().remove("x-malformed");
    var h = x.getResponseHeaders();
    h.set("Content-Type", "application/json; charset=utf-8");
    a.headers().forEach(h::set);
    String etag = "W/\"" + sha1(bytes) + "\"";
    boolean get = method.equals("GET") && a.status() == 200;
    String ifNoneMatch = x.getRequestHeaders().getFirst("If-None-Match");
    int status = a.status();
    synchronized (this) {
      if (get && etag.equals(ifNoneMatch)) {
        status = 304;
        notModified.incrementAndGet();
      } else {
        costed.incrementAndGet();
        if (remaining > 0) {
          remaining--;
        }
      }
      h.set("x-ratelimit-limit", Integer.toString(limit));
      h.set("x-ratelimit-remaining", Integer.toString(remaining));
      h.set("x-ratelimit-used", Integer.toString(limit - remaining));
      h.set("x-ratelimit-reset", Long.toString(resetAt().getEpochSecond()));
      h.set("x-ratelimit-resource", "core");
    }
    if (get) {
      h.set("ETag", etag);
    }
    if (status == 304 || status == 204 || bytes.length == 0) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        q.put(k, v);
      }
    }
    return q;
  }

  static Answer error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("message", message);
    o.put("documentation_url", "https://docs.github.com/rest");
    o.put("status", Integer.toString(status));
    return Answer.of(status, o);
  }

  private Instant tick() {
    now = now.plusSeconds(1);
    return now;
  }

  private RepoData repo(String name) {
    return repos.computeIfAbsent(name, n -> new RepoData());
  }

  private PullData pull(String repo, long number) {
    PullData p = repo(repo).pulls.get(number);
    if (p == null) {
      throw new IllegalArgumentException("no pull request " + repo + "#" + number);
    }
    return p;
  }

  /** The REST routes; GitHub's documented shapes, trimmed to the fields worth having. */
  private static final class Routes {
    private static final Pattern REPO = Pattern.compile("/repos/([^/]+/[^/]+)(/.*)?");

    static Answer route(
        FakeGitHub g, String method, String path, Map<String, String> q, JsonNode in) {
      Matcher org = Pattern.compile("/orgs/([^/]+)/members/([^/]+)").matcher(path);
      if (method.equals("GET") && org.matches()) {
        boolean yes =
            g.orgMembers.getOrDefault(org.group(1), Set.of()).contains(org.group(2).toLowerCase());
        return yes
            ? Answer.of(204, null)
            : error(404, "User does not exist or is not a member of the organization");
      }
      Matcher m = REPO.matcher(path);
      if (!m.matches()) {
        return error(404, "Not Found");
      }
      String repo = m.group(1);
      String rest = m.group(2) == null ? "" : m.group(2);
      if (!g.repos.containsKey(repo)) {
        return error(404, "Not Found");
      }
      RepoData r = g.repo(repo);
      String route = method + " " + rest;
      Matcher n;
      if (route.equals("GET /pulls")) {
        List<PullData> open =
            r.pulls.values().stream()
                .filter(p -> p.state.equals(q.getOrDefault("state", "open")))
                .toList();
        List<JsonNode> items = new ArrayList<>();
        boolean asc = "asc".equals(q.get("direction"));
        for (PullData p : open) {
          items.add(pullJson(g, repo, p, false));
        }
        if (!asc) {
          java.util.Collections.reverse(items);
        }
        return page(g, path, q, items);
      }
      if ((n = match("GET /pulls/(\\d+)", route)) != null) {
        PullData p = r.pulls.get(Long.parseLong(n.group(1)));
        return p == null ? error(404, "Not Found") : Answer.of(200, pullJson(g, repo, p, true));
      }
      if ((n = match("GET /pulls/(\\d+)/files", route)) != null) {
        PullData p = r.pulls.get(Long.parseLong(n.group(1)));
        if (p == null) {
          return error(404, "Not Found");
        }
        List<JsonNode> items = new ArrayList<>();
        for (String f : p.files) {
          ObjectNode o = JSON.createObjectNode();
          o.put("sha", sha1(f.getBytes(StandardCharsets.UTF_8)));
          o.put("filename", f);
          o.put("status", "modified");
          o.put("additions", 1);
          o.put("deletions", 0);
          o.put("changes", 1);
          items.add(o);
        }
        return page(g, path, q, items);
      }
      if ((n = match("GET /pulls/(\\d+)/reviews", route)) != null) {
        PullData p = r.pulls.get(Long.parseLong(n.group(1)));
        if (p == null) {
          return error(404, "Not Found");
        }
        List<JsonNode> items = new ArrayList<>();
        for (ReviewData rv : p.reviews) {
          ObjectNode o = JSON.createObjectNode();
          o.put("id", rv.id());
          o.set("user", user(rv.login()));
          o.put("body", "");
          o.put("state", rv.state());
          o.put("commit_id", rv.commitId());
          o.put("submitted_at", rv.at().toString());
          o.put("author_association", "CONTRIBUTOR");
          items.add(o);
        }
        return page(g, path, q, items);
      }
      if ((n = match("(GET|POST) /issues/(\\d+)/comments", route)) != null) {
        PullData p = r.pulls.get(Long.parseLong(n.group(2)));
        if (p == null) {
          return error(404, "Not Found");
        }
        if (method.equals("POST")) {
          if (!in.path("body").isTextual()) {
            return error(422, "Invalid request. \"body\" wasn't supplied.");
          }
          long id = g.comment(repo, p.number, g.botLogin(), in.path("body").asText());
          return Answer.of(201, commentJson(g, repo, g.commentsById.get(id)));
        }
        List<JsonNode> items = new ArrayList<>();
        p.comments.forEach(c -> items.add(commentJson(g, repo, c)));
        return page(g, path, q, items);
      }
      if ((n = match("PATCH /issues/comments/(\\d+)", route)) != null) {
        long id = Long.parseLong(n.group(1));
        CommentData c = g.commentsById.get(id);
        if (c == null) {
          return error(404, "Not Found");
        }
        CommentData edited =
            new CommentData(id, c.login(), in.path("body").asText(""), c.createdAt());
        g.commentsById.put(id, edited);
        String[] owner = g.commentRepo.get(id).split("#");
        PullData p = g.pull(owner[0], Long.parseLong(owner[1]));
        p.comments.replaceAll(x -> x.id() == id ? edited : x);
        p.updatedAt = g.tick();
        return Answer.of(200, commentJson(g, repo, edited));
      }
      if ((n = match("(GET|POST) /issues/comments/(\\d+)/reactions", route)) != null) {
        long id = Long.parseLong(n.group(2));
        if (!g.commentsById.containsKey(id)) {
          return error(404, "Not Found");
        }
        List<Reaction> list = g.reactions.computeIfAbsent(id, k -> new ArrayList<>());
        if (method.equals("POST")) {
          Reaction want = new Reaction(g.botLogin(), in.path("content").asText(""));
          boolean existed = list.contains(want);
          if (!existed) {
            list.add(want);
          }
          return Answer.of(existed ? 200 : 201, reactionJson(list.indexOf(want), want));
        }
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          if (!q.containsKey("content") || list.get(i).content().equals(q.get("content"))) {
            items.add(reactionJson(i, list.get(i)));
          }
        }
        return page(g, path, q, items);
      }
      if ((n = match("POST /issues/(\\d+)/labels", route)) != null) {
        PullData p = r.pulls.get(Long.parseLong(n.group(1)));
        if (p == null) {
          return error(404, "Not Found");
        }
        in.path("labels").forEach(l -> p.labels.add(l.asText()));
        p.updatedAt = g.tick();
        return Answer.of(200, labelsJson(p));
      }
      if ((n = match("DELETE /issues/(\\d+)/labels/(.+)", route)) != null) {
        PullData p = r.pulls.get(Long.parseLong(n.group(1)));
        String label = URLDecoder.decode(n.group(2), StandardCharsets.UTF_8);
        if (p == null || !p.labels.remove(label)) {
          return error(404, "Label does not exist");
        }
        p.updatedAt = g.tick();
        return Answer.of(200, labelsJson(p));
      }
      if ((n = match("POST /statuses/([0-9a-f]{40})", route)) != null) {
        String state = in.path("state").asText("");
        if (!Set.of("error", "failure", "pending", "success").contains(state)) {
          return error(422, "Validation Failed");
        }
        StatusData s =
            new StatusData(
                in.path("context").asText("default"),
                state,
                in.path("description").asText(""),
                in.path("target_url").asText(""));
        r.statuses.computeIfAbsent(n.group(1), k -> new ArrayList<>()).add(s);
        ObjectNode o = statusJson(g.nextId++, s);
        return Answer.of(201, o);
      }
      if ((n = match("GET /commits/([^/]+)/status", route)) != null) {
        String sha = n.group(1);
        Map<String, StatusData> latest = new LinkedHashMap<>();
        List<StatusData> all = new ArrayList<>(r.statuses.getOrDefault(sha, List.of()));
        java.util.Collections.reverse(all);
        all.forEach(s -> latest.putIfAbsent(s.context(), s));
        ObjectNode o = JSON.createObjectNode();
        ArrayNode list = o.putArray("statuses");
        long i = 1;
        for (StatusData s : latest.values()) {
          list.add(statusJson(i++, s));
        }
        o.put("state", combined(latest.values()));
        o.put("sha", sha);
        o.put("total_count", latest.size());
        return Answer.of(200, o);
      }
      if ((n = match("PUT /pulls/(\\d+)/merge", route)) != null) {
        return g.merge(repo, r, Long.parseLong(n.group(1)), in);
      }
      if ((n = match("PATCH /git/refs/heads/(.+)", route)) != null && g.remotes.containsKey(repo)) {
        return g.fastForward(repo, r, n.group(1), in.path("sha").asText(""));
      }
      if ((n = match("PATCH /git/refs/heads/(.+)", route)) != null) {
        String branch = n.group(1);
        String sha = in.path("sha").asText("");
        if (!r.branches.containsKey(branch)) {
          return error(422, "Reference does not exist");
        }
        PullData p =
            r.pulls.values().stream()
                .filter(x -> x.headSha.equals(sha) && x.state.equals("open"))
                .findFirst()
                .orElse(null);
        if (p == null || !p.baseSha.equals(r.branches.get(branch))) {
          return error(422, "Update is not a fast forward");
        }
        r.branches.put(branch, sha);
        p.state = "closed";
        p.merged = true;
        g.merges.add(new MergeCall(repo, p.number, "fast-forward", sha, 200));
        ObjectNode o = JSON.createObjectNode();
        o.put("ref", "refs/heads/" + branch);
        o.putObject("object").put("sha", sha).put("type", "commit");
        return Answer.of(200, o);
      }
      if (route.equals("GET /branches")) {
        List<JsonNode> items = new ArrayList<>();
        if (g.remotes.containsKey(repo)) {
          r.branches.putAll(g.remotes.get(repo).branches());
        }
        r.branches.forEach(
            (name, sha) -> {
              ObjectNode o = JSON.createObjectNode();
              o.put("name", name);
              o.putObject("commit")
                  .put("sha", sha)
                  .put("url", g.apiUrl() + "/repos/" + repo + "/commits/" + sha);
              o.put("protected", false);
              items.add(o);
            });
        return page(g, path, q, items);
      }
      if ((n = match("GET /collaborators/([^/]+)", route)) != null) {
        return r.collaborators.contains(n.group(1).toLowerCase())
            ? Answer.of(204, null)
            : error(404, "Not Found");
      }
      return error(404, "Not Found");
    }

    private static Matcher match(String regex, String route) {
      Matcher m = Pattern.compile(regex).matcher(route);
      return m.matches() ? m : null;
    }

    private static String combined(java.util.Collection<StatusData> statuses) {
      if (statuses.stream()
          .anyMatch(s -> s.state().equals("failure") || s.state().equals("error"))) {
        return "failure";
      }
      if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s.state().equals("pending"))) {
        return "pending";
      }
      return "success";
    }

    /** {@code per_page} (default 30, at most 100) and {@code page}, with a {@code Link} header. */
    private static Answer page(
        FakeGitHub g, String path, Map<String, String> q, List<JsonNode> items) {
      int per = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      int from = Math.min(items.size(), (page - 1) * per);
      int to = Math.min(items.size(), from + per);
      ArrayNode a = JSON.createArrayNode();
      items.subList(from, to).forEach(a::add);
      Answer answer = Answer.of(200, a);
      int last = Math.max(1, (items.size() + per - 1) / per);
      if (page < last) {
        Map<String, String> next = new LinkedHashMap<>(q);
        next.put("page", Integer.toString(page + 1));
        Map<String, String> lastQ = new LinkedHashMap<>(q);
        lastQ.put("page", Integer.toString(last));
        answer
            .headers()
            .put(
                "Link",
                "<"
                    + g.apiUrl()
                    + path
                    + "?"
                    + encode(next)
                    + ">; rel=\"next\", <"
                    + g.apiUrl()
                    + path
                    + "?"
                    + encode(lastQ)
                    + ">; rel=\"last\"");
      }
      return answer;
    }

    private static String encode(Map<String, String> q) {
      List<String> parts = new ArrayList<>();
      q.forEach(
          (k, v) -> parts.add(k + "=" + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return String.join("&", parts);
    }

    private static JsonNode user(String login) {
      if (login == null) {
        return JSON.nullNode(); // a deleted account: GitHub's schema allows a null user
      }
      ObjectNode u = JSON.createObjectNode();
      u.put("login", login);
      u.put("id", Math.abs(login.hashCode()));
      u.put("type", login.endsWith("[bot]") ? "Bot" : "User");
      return u;
    }

    private static JsonNode pullJson(FakeGitHub g, String repo, PullData p, boolean single) {
      ObjectNode o = JSON.createObjectNode();
      o.put("url", g.apiUrl() + "/repos/" + repo + "/pulls/" + p.number);
      o.put("id", 10_000 + p.number);
      o.put("number", p.number);
      o.put("state", p.state);
      o.put("locked", false);
      o.put("title", p.title);
      o.set("user", user(p.author));
      o.put("body", "");
      ArrayNode labels = o.putArray("labels");
      for (String l : p.labels) {
        labels
            .addObject()
            .put("id", Math.abs(l.hashCode()))
            .put("name", l)
            .put("color", "ededed")
            .put("default", false);
      }
      o.put("created_at", p.createdAt.toString());
      o.put("updated_at", p.updatedAt.toString());
      o.putNull("closed_at");
      o.putNull("merged_at");
      o.put("draft", p.draft);
      ObjectNode head = o.putObject("head");
      head.put("label", repo.split("/")[0] + ":" + p.headRef);
      head.put("ref", p.headRef);
      head.put("sha", p.headSha);
      head.set("user", user(p.author));
      ObjectNode base = o.putObject("base");
      base.put("label", repo.split("/")[0] + ":" + p.baseRef);
      base.put("ref", p.baseRef);
      base.put("sha", p.baseSha);
      o.put("author_association", "CONTRIBUTOR");
      if (single) {
        o.put("merged", p.merged);
        if (p.mergeSha == null) {
          o.putNull("merge_commit_sha");
        } else {
          o.put("merge_commit_sha", p.mergeSha);
        }
        if (p.mergeable == null) {
          o.putNull("mergeable");
        } else {
          o.put("mergeable", p.mergeable);
        }
        o.put("mergeable_state", Boolean.TRUE.equals(p.mergeable) ? "clean" : "dirty");
        o.put("comments", p.comments.size());
        o.put("review_comments", 0);
        o.put("commits", 1);
        o.put("changed_files", p.files.size());
      }
      return o;
    }

    private static JsonNode commentJson(FakeGitHub g, String repo, CommentData c) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", c.id());
      o.put("url", g.apiUrl() + "/repos/" + repo + "/issues/comments/" + c.id());
      o.set("user", user(c.login()));
      o.put("body", c.body());
      o.put("created_at", c.createdAt().toString());
      o.put("updated_at", c.createdAt().toString());
      o.put("author_association", "CONTRIBUTOR");
      if (!g.reactionRollups) {
        return o;
      }
      ObjectNode rollup = o.putObject("reactions");
      List<Reaction> list = g.reactions.getOrDefault(c.id(), List.of());
      rollup.put("total_count", list.size());
      for (String content :
          List.of("+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes")) {
        rollup.put(content, list.stream().filter(r -> r.content().equals(content)).count());
      }
      return o;
    }

    private static JsonNode reactionJson(int i, Reaction r) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", i + 1);
      o.set("user", user(r.login()));
      o.put("content", r.content());
      return o;
    }

    private static JsonNode labelsJson(PullData p) {
      ArrayNode a = JSON.createArrayNode();
      p.labels.forEach(l -> a.addObject().put("name", l).put("color", "ededed"));
      return a;
    }

    private static ObjectNode statusJson(long id, StatusData s) {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", id);
      o.put("state", s.state());
      o.put("description", s.description());
      if (s.targetUrl().isEmpty()) {
        o.putNull("target_url");
      } else {
        o.put("target_url", s.targetUrl());
      }
      o.put("context", s.context());
      return o;
    }
  }

  /** The login of whoever holds the token: the bot. */
  private String bot = "ci-bot";

  public synchronized void botLogin(String login) {
    bot = login;
  }

  synchronized String botLogin() {
    return bot;
  }

  private static final Map<Integer, String> MERGE_REFUSALS =
      Map.of(
          405,
          "Pull Request is not mergeable",
          409,
          "Head branch was modified. Review and try the merge again.");

  private Answer merge(String repo, RepoData r, long number, JsonNode in) {
    PullData p = r.pulls.get(number);
    if (p == null) {
      return error(404, "Not Found");
    }
    String method = in.path("merge_method").asText("merge");
    String sha = in.path("sha").asText("");
    if (!Set.of("merge", "squash", "rebase").contains(method)) {
      return error(422, "Invalid merge_method");
    }
    if (disallowedMergeMethods.contains(method)) {
      merges.add(new MergeCall(repo, number, method, sha, 422));
      Answer refused = error(422, "Validation Failed");
      ((ObjectNode) refused.body())
          .putArray("errors")
          .addObject()
          .put("resource", "PullRequest")
          .put("code", "custom")
          .put("message", capitalized(method) + " merges are not allowed on this repository.");
      return refused;
    }
    int status;
    if (p.merged || !p.state.equals("open") || !Boolean.TRUE.equals(p.mergeable)) {
      status = 405;
    } else if (!sha.isEmpty() && !sha.equals(p.headSha)) {
      status = 409;
    } else {
      status = 200;
    }
    merges.add(new MergeCall(repo, number, method, sha, status));
    if (status != 200) {
      return error(status, MERGE_REFUSALS.get(status));
    }
    String mergeSha = sha1((repo + number + method + p.headSha).getBytes(StandardCharsets.UTF_8));
    FakeGitRemote remote = remotes.get(repo);
    if (remote != null) {
      Optional<String> landed =
          remote.merge(p.baseRef, p.headSha, method, p.title + " (#" + number + ")\n", now);
      if (landed.isEmpty()) {
        merges.set(merges.size() - 1, new MergeCall(repo, number, method, sha, 405));
        return error(405, "Merge conflict");
      }
      mergeSha = landed.get();
    }
    p.merged = true;
    p.mergeSha = mergeSha;
    p.state = "closed";
    p.updatedAt = tick();
    r.branches.put(p.baseRef, mergeSha);
    ObjectNode o = JSON.createObjectNode();
    o.put("sha", mergeSha);
    if (mergedField) {
      o.put("merged", true);
    }
    o.put("message", "Pull Request successfully merged");
    return Answer.of(200, o);
  }

  /**
   * {@code PATCH /git/refs/heads/{branch}} on a repository backed by Git: refused unless a
   * fast-forward; open pull requests whose head the new tip contains are then merged, as GitHub
   * marks pull requests whose commits were pushed to their base.
   */
  private Answer fastForward(String repo, RepoData r, String branch, String sha) {
    FakeGitRemote remote = remotes.get(repo);
    if (!remote.fastForward(branch, sha)) {
      return error(422, "Update is not a fast forward");
    }
    r.branches.put(branch, sha);
    for (PullData p : r.pulls.values()) {
      if (p.state.equals("open") && p.baseRef.equals(branch) && remote.contains(sha, p.headSha)) {
        p.state = "closed";
        p.merged = true;
        p.mergeSha = sha;
        p.updatedAt = tick();
        merges.add(new MergeCall(repo, p.number, "fast-forward", sha, 200));
      }
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("ref", "refs/heads/" + branch);
    o.putObject("object").put("sha", sha).put("type", "commit");
    return Answer.of(200, o);
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
