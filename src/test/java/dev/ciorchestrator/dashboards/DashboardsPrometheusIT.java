package dev.ciorchestrator.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ciorchestrator.callback.Signature;
import dev.ciorchestrator.dashboards.Dashboards.Query;
import dev.ciorchestrator.e2e.ServiceFolders;
import dev.ciorchestrator.forge.gitea.GiteaWorld;
import dev.ciorchestrator.forge.github.GitHubWorld;
import dev.ciorchestrator.forge.gitlab.GitLabWorld;
import dev.ciorchestrator.forge.hosted.HostedWorld;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.forge.webhook.WebhookSignature;
import dev.ciorchestrator.testing.RequiredTools;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard query against a real Prometheus scraping the packaged service: runs that pass and
 * fail, a blocked and a passed gate and a merge go through the service's HTTP API, and each panel's
 * expression must then return data. Needs {@code prometheus} and {@code promtool} (Debian package
 * {@code prometheus}); skipped without them, except under {@code CI=true}, where it fails.
 */
class DashboardsPrometheusIT {
  private static final String REPO = "acme/local";
  private static final String WEBHOOK_SECRET = "it-webhook-secret";
  private static final String CHANGES = "/api/v1/repos/" + REPO + "/changes";
  private static final Duration HANG_GUARD = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final List<String> FORGES = List.of("github", "gitlab", "gitea");
  private static final String GITLAB_REPO = "acme/gl-app";
  private static final String GITEA_REPO = "acme/gt-app";
  private static final String DEPLOYMENT_SECRET = "it-deployment-secret";
  private static final String REPO_SECRET = "it-repo-secret";

  @TempDir static Path dir;
  private static final List<Process> processes = new ArrayList<>();
  private static String app;
  private static ServiceProcess service;
  private static String prometheus;
  private static HttpServer receiver;
  private static GitHubWorld github;
  private static GitLabWorld gitlab;
  private static GiteaWorld gitea;
  private static final List<Received> received = new CopyOnWriteArrayList<>();

  /** One callback request as the receiver got it. */
  private record Received(
      String path, String event, String delivery, String signature, byte[] body) {}

  @BeforeAll
  static void startServiceAndPrometheus() throws Exception {
    for (String tool : List.of("prometheus", "promtool")) {
      RequiredTools.require(tool, "Debian package prometheus: every panel query runs against it");
    }

    receiver = startReceiver();
    app = "http://127.0.0.1:" + startService();
    prometheus = "http://127.0.0.1:" + startPrometheus(app.substring("http://".length()));
  }

  @AfterAll
  static void stopProcesses() throws InterruptedException {
    if (receiver != null) {
      receiver.stop(0);
    }
    for (AutoCloseable world : new AutoCloseable[] {github, gitlab, gitea}) {
      if (world != null) {
        try {
          world.close();
        } catch (Exception e) {
          // a fake that fails to stop must not hide the test's own result
        }
      }
    }
    if (service != null) {
      service.close();
    }
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void everyPanelQueryReturnsDataFromARealScrape() throws Exception {
    driveChanges();

    List<Query> queries = Dashboards.all().stream().flatMap(d -> d.queries().stream()).toList();
    assertThat(queries).hasSizeGreaterThan(10);
    assertThat(queries)
        .as("the callback panels are checked")
        .anyMatch(q -> q.expr().contains("callback"));
    List<Query> empty = new ArrayList<>(queries);
    // Counters that appeared last need two scrapes before rate() sees them: wait, then judge.
    waitFor(
        "every dashboard query returns data",
        () -> {
          empty.removeIf(q -> !query(q).isEmpty());
          return empty.isEmpty();
        },
        () -> "empty: " + empty.stream().map(q -> "\n  " + q).toList());
  }

  /**
   * The forge panels (every query grouped {@code by (forge)}) show GitHub, GitLab and Gitea alike:
   * the service polls a fake of each and takes a webhook delivery from each.
   */
  @Test
  void everyForgePanelShowsEveryForge() throws Exception {
    driveChanges();
    List<Query> byForge =
        Dashboards.all().stream()
            .flatMap(d -> d.queries().stream())
            .filter(q -> q.expr().contains("by (forge"))
            .toList();
    assertThat(byForge).as("forge panels").hasSizeGreaterThanOrEqualTo(4);
    Map<Query, List<String>> missing = new LinkedHashMap<>();
    waitFor(
        "every forge panel shows github, gitlab and gitea",
        () -> {
          missing.clear();
          for (Query q : byForge) {
            List<String> shown =
                query(q).stream().map(r -> r.at("/metric/forge").asText()).toList();
            List<String> absent = FORGES.stream().filter(f -> !shown.contains(f)).toList();
            if (!absent.isEmpty()) {
              missing.put(q, absent);
            }
          }
          return missing.isEmpty();
        },
        () -> "missing: " + missing);
  }

  /**
   * Both callbacks (the deployment's, which first answers 500, and the repository's named secret)
   * got signed run and gate reports; the deployment's was retried.
   */
  @Test
  void callbacksGetSignedReportsAndAFailedAttemptIsRetried() throws Exception {
    driveChanges();
    waitFor(
        "run and gate reports reach both callbacks, and the failed attempt is retried",
        () -> {
          String m = metrics();
          return paths("/deployment", "run") > 0
              && paths("/deployment", "gate") > 0
              && paths("/repo", "run") > 0
              && paths("/repo", "gate") > 0
              && value(
                          m,
                          "ci_orchestrator_callback_deliveries_total{event=\"run\",result=\"retried\"}")
                      + value(
                          m,
                          "ci_orchestrator_callback_deliveries_total{event=\"gate\",result=\"retried\"}")
                  > 0;
        },
        () -> received.stream().map(r -> r.path() + " " + r.event()).toList() + "\n" + metrics());
    for (Received r : received) {
      String secret = r.path().equals("/deployment") ? DEPLOYMENT_SECRET : REPO_SECRET;
      assertThat(Signature.verify(secret, r.body(), r.signature()))
          .as(r.path() + " signed")
          .isTrue();
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("event").asText()).isEqualTo(r.event());
      assertThat(body.path("delivery").asText()).isEqualTo(r.delivery());
    }
  }

  /**
   * With CI_LOG_JSON=true (set for the service here) each console line is a JSON object, and the
   * lines about a run carry its run id, repository and job.
   */
  @Test
  void jsonLogLinesAboutARunCarryItsIdRepoAndJob() throws Exception {
    driveChanges();
    waitFor(
        "a JSON line about a finished run",
        () ->
            jsonLines().stream()
                .anyMatch(j -> j.path("message").asText().matches("run \\S+ (success|failure).*")),
        service::log);
    List<JsonNode> aboutRuns =
        jsonLines().stream()
            .filter(j -> j.path("message").asText().matches("run \\S+ (started|success|failure).*"))
            .toList();
    assertThat(aboutRuns).isNotEmpty();
    for (JsonNode line : aboutRuns) {
      String runId = line.path("message").asText().split(" ")[1];
      assertThat(line.at("/mdc/run_id").asText()).as(line.toString()).isEqualTo(runId);
      String job = line.at("/mdc/job").asText();
      assertThat(job).as(line.toString()).isIn("ok", "broken", "gh-build", "gl-build", "gt-build");
      assertThat(runId).as("the run id names its job").startsWith(job + "-");
      assertThat(line.at("/mdc/repo").asText())
          .as(line.toString())
          .isEqualTo(
              switch (job) {
                case "gh-build" -> "acme/app";
                case "gl-build" -> GITLAB_REPO;
                case "gt-build" -> GITEA_REPO;
                default -> REPO;
              });
    }
  }

  private static List<JsonNode> jsonLines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : service.log().split("\n")) {
      if (l.startsWith("{")) {
        try {
          lines.add(JSON.readTree(l));
        } catch (IOException e) {
          throw new AssertionError("not JSON: " + l, e);
        }
      }
    }
    return lines;
  }

  /** A series' value in a text scrape; 0 when absent. */
  private static double value(String scrape, String series) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  private static long paths(String path, String event) {
    return received.stream().filter(r -> r.path().equals(path) && r.event().equals(event)).count();
  }

  /** Answers 500 to the deployment callback's first request, 204 to everything else. */
  private static HttpServer startReceiver() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicBoolean failedOnce = new AtomicBoolean();
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String path = exchange.getRequestURI().getPath();
          received.add(
              new Received(
                  path,
                  exchange.getRequestHeaders().getFirst(Signature.EVENT_HEADER),
                  exchange.getRequestHeaders().getFirst(Signature.DELIVERY_HEADER),
                  exchange.getRequestHeaders().getFirst(Signature.HEADER),
                  body));
          boolean fail = path.equals("/deployment") && failedOnce.compareAndSet(false, true);
          exchange.sendResponseHeaders(fail ? 500 : 204, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  /**
   * Our families of a text-format scrape pass promtool's parser and lint. The default answer is
   * OpenMetrics, which promtool 2.42 does not read, so this asks for text 0.0.4; the meters Quarkus
   * and Micrometer add (http, netty, jvm) are left out: several lack help texts, which we do not
   * own.
   */
  @Test
  void promtoolAcceptsOurMetrics() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(app + "/q/metrics"))
            .header("Accept", "text/plain; version=0.0.4")
            .build();
    String ours =
        send(request, 200)
            .lines()
            .filter(l -> l.replaceFirst("^# (HELP|TYPE) ", "").startsWith("ci_orchestrator_"))
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(ours).contains("# TYPE ci_orchestrator_runs_started_total counter");
    Path scrape = dir.resolve("scrape.txt");
    Files.writeString(scrape, ours);
    Path out = dir.resolve("promtool.txt");
    Process p =
        new ProcessBuilder(
                RequiredTools.onPath("promtool").orElseThrow().toString(), "check", "metrics")
            .redirectInput(scrape.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(p.exitValue()).as("promtool check metrics:\n" + Files.readString(out)).isZero();
  }

  private static boolean driven;

  /**
   * Change 1 (feature → main) passes, is blocked until approved, then merges; change 2 fails. Once
   * for all tests, whichever runs first.
   */
  private static synchronized void driveChanges() throws Exception {
    if (driven) {
      return;
    }
    driven = true;
    long passing = open("feature", "main");
    long failing = open("broken", "release");
    waitFor(
        "a run succeeds, a run fails and the gate blocks",
        () -> {
          String m = metrics();
          return m.contains("result=\"success\"")
              && m.contains("result=\"failure\"")
              && m.contains("ci_orchestrator_gate_policy_failures_total{");
        },
        DashboardsPrometheusIT::metrics);
    post(CHANGES + "/" + passing + "/comments", "bob", "{\"body\":\"/approve\"}");
    waitFor(
        "change " + passing + " merges (change " + failing + " stays blocked)",
        () -> metrics().contains("ci_orchestrator_merges_total{"),
        DashboardsPrometheusIT::metrics);
    // GitHub: the pull request's run reports ci/gh-build there; polls answer 304 from then on
    waitFor(
        "ci/gh-build is set on the GitHub pull request and a poll was answered 304",
        () ->
            !github.github.statuses("acme/app", github.featureSha).isEmpty()
                && metrics().contains("cached=\"true\""),
        DashboardsPrometheusIT::metrics);
    hook("ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");
    hostedHooks();
    waitFor(
        "a webhook delivery and API requests are counted for every forge",
        () -> {
          String m = metrics();
          return FORGES.stream()
              .allMatch(
                  f ->
                      m.lines()
                              .anyMatch(
                                  l ->
                                      l.startsWith("ci_orchestrator_webhook_deliveries_total{")
                                          && l.contains("forge=\"" + f + "\""))
                          && m.lines()
                              .anyMatch(
                                  l ->
                                      l.startsWith("ci_orchestrator_forge_requests_total{")
                                          && l.contains("forge=\"" + f + "\"")));
        },
        DashboardsPrometheusIT::metrics);
  }

  /** A GitHub delivery of {@code event}, signed with the connection's webhook secret. */
  private static void hook(String event, String json) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(app + "/hooks/github"))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", "it-" + event)
            .header(
                "X-Hub-Signature-256",
                "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body)))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    send(request, 200);
  }

  /**
   * A GitLab push delivery with the connection's token and a Gitea push delivery signed with its
   * secret, each about the fake's repository; whatever the handler answers, the delivery counts.
   */
  private static void hostedHooks() throws Exception {
    byte[] gl =
        ("{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\""
                + gitlab.mainSha
                + "\",\"project\":{\"path_with_namespace\":\""
                + GITLAB_REPO
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    deliver(
        HttpRequest.newBuilder(URI.create(app + "/hooks/gitlab"))
            .header("X-Gitlab-Event", "Push Hook")
            .header("X-Gitlab-Token", WEBHOOK_SECRET)
            .header("X-Gitlab-Event-UUID", "it-gitlab-push")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gl)));
    byte[] gt =
        ("{\"ref\":\"refs/heads/main\",\"after\":\""
                + gitea.mainSha
                + "\",\"repository\":{\"full_name\":\""
                + GITEA_REPO
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    deliver(
        HttpRequest.newBuilder(URI.create(app + "/hooks/gitea"))
            .header("X-Gitea-Event", "push")
            .header("X-Gitea-Delivery", "it-gitea-push")
            .header("X-Gitea-Signature", WebhookSignature.sign(WEBHOOK_SECRET, gt).substring(7))
            .POST(HttpRequest.BodyPublishers.ofByteArray(gt)));
  }

  /** Sends a delivery; its answer is the handler's business, the test reads the metrics. */
  private static void deliver(HttpRequest.Builder request) throws IOException {
    try {
      HTTP.send(
          request.header("Content-Type", "application/json").build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static long open(String source, String target) throws Exception {
    String body =
        post(
            CHANGES,
            "alice",
            "{\"title\":\""
                + source
                + "\",\"source\":\""
                + source
                + "\",\"target\":\""
                + target
                + "\"}");
    return JSON.readTree(body).path("number").asLong();
  }

  private static List<JsonNode> query(Query q) {
    String expr = q.expr().replace("$repo", ".*").replace("$__rate_interval", "1m");
    try {
      JsonNode answer =
          JSON.readTree(
              get(
                  prometheus
                      + "/api/v1/query?query="
                      + URLEncoder.encode(expr, StandardCharsets.UTF_8)));
      assertThat(answer.path("status").asText()).as(q + "\n" + answer).isEqualTo("success");
      List<JsonNode> result = new ArrayList<>();
      answer.at("/data/result").forEach(result::add);
      return result;
    } catch (IOException e) {
      throw new AssertionError(q.toString(), e);
    }
  }

  private static int startService() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("ci.yaml"),
        """
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/local
        forge: local
        defaultBranch: main
        merge: {auto: true, method: merge}
        trust: {users: [alice, bob]}
        callbacks:
          - {url: "REPO_CALLBACK", secret: repo-hook}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: ok
        repos: [acme/local]
        triggers:
          pullRequest: {branches: [main]}
        run: "true"
        timeout: 1m
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: broken
        repos: [acme/local]
        triggers:
          pullRequest: {branches: [release]}
        run: "exit 1"
        timeout: 1m
        ---
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/app
        forge: gh
        defaultBranch: main
        trust: {users: [alice]}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: gh-build
        repos: [acme/app]
        triggers:
          pullRequest: {branches: [main]}
        run: "true"
        timeout: 1m
        ---
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/gl-app
        forge: gl
        defaultBranch: main
        trust: {users: [alice]}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: gl-build
        repos: [acme/gl-app]
        triggers:
          pullRequest: {branches: [main]}
        run: "true"
        timeout: 1m
        ---
        apiVersion: ci-orchestrator/v1
        kind: Repository
        name: acme/gt-app
        forge: gt
        defaultBranch: main
        trust: {users: [alice]}
        ---
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: gt-build
        repos: [acme/gt-app]
        triggers:
          pullRequest: {branches: [main]}
        run: "true"
        timeout: 1m
        ---
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: require-approval
        type: gate
        repos: ["*"]
        rule: "size(change.approvals) >= 1"
        message: "'needs 1 approval from someone other than ' + change.author"
        """
            .replace("REPO_CALLBACK", receiverUrl("/repo")));
    try (TestGitRepo work = TestGitRepo.init(dir.resolve("work"))) {
      work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
      work.commit("release", "main", TestGitRepo.files("release.txt", "1\n"));
      work.commit("feature", "main", TestGitRepo.files("feature.txt", "new\n"));
      work.commit("broken", "release", TestGitRepo.files("broken.txt", "oops\n"));
      work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), REPO));
    }
    // a GitHub-like API with one pull request; its first listing answers 502 once (retried)
    github = new GitHubWorld(dir.resolve("github"));
    github.openFeature("alice");
    github.github.failNext("GET /repos/acme/app/pulls", 1, 502);
    Map<String, String> settings = new LinkedHashMap<>(ServiceFolders.settings(dir, config));
    settings.put("ci.forge.github.gh.api-url", github.github.apiUrl().toString());
    settings.put("ci.forge.github.gh.token", GitHubWorld.TOKEN);
    settings.put("ci.forge.github.gh.bot", GitHubWorld.BOT);
    settings.put("ci.forge.github.gh.webhook-secret", WEBHOOK_SECRET);
    settings.put(
        "ci.forge.github.gh.clone-url", dir.resolve("github/remote").toUri() + "{repo}.git");
    settings.put("ci.forge.github.gh.mirror-dir", dir.resolve("github-mirrors").toString());
    // GitLab and Gitea fakes, one open change each, their own connections and webhook credentials
    gitlab = new GitLabWorld(dir.resolve("gitlab"), GITLAB_REPO);
    gitlab.openFeature("alice");
    gitea = new GiteaWorld(dir.resolve("gitea"), GITEA_REPO);
    gitea.openFeature("alice");
    hosted(
        settings, "gitlab.gl", gitlab, gitlab.gitlab.apiUrl(), GitLabWorld.TOKEN, "webhook-token");
    hosted(settings, "gitea.gt", gitea, gitea.gitea.apiUrl(), GiteaWorld.TOKEN, "webhook-secret");
    settings.put("ci.callbacks.url", receiverUrl("/deployment"));
    settings.put("ci.callbacks.secret", DEPLOYMENT_SECRET);
    settings.put("ci.callbacks.secrets.repo-hook", REPO_SECRET);
    settings.put("ci.callbacks.initial-backoff", "100ms");
    service = ServiceProcess.of(dir, settings, Map.of("CI_LOG_JSON", "true"), List.of()).start();
    return service.port();
  }

  private static void hosted(
      Map<String, String> settings,
      String connection,
      HostedWorld world,
      URI api,
      String token,
      String webhookSetting) {
    String prefix = "ci.forge." + connection + ".";
    settings.put(prefix + "api-url", api.toString());
    settings.put(prefix + "token", token);
    settings.put(prefix + "bot", HostedWorld.BOT);
    settings.put(prefix + webhookSetting, WEBHOOK_SECRET);
    settings.put(prefix + "clone-url", world.remote.cloneUrl());
    settings.put(prefix + "mirror-dir", dir.resolve(connection + "-mirrors").toString());
  }

  private static int startPrometheus(String target) throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: ci-orchestrator
            metrics_path: /q/metrics
            static_configs:
              - targets: ["%s"]
        """
            .formatted(target));
    int port = freePort();
    Path log = dir.resolve("prometheus.log");
    start(
        List.of(
            RequiredTools.onPath("prometheus").orElseThrow().toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
            "--web.listen-address=127.0.0.1:" + port),
        log);
    String base = "http://127.0.0.1:" + port;
    waitFor(
        "prometheus has scraped the service",
        () -> {
          try {
            return get(base + "/api/v1/query?query=up").contains(",\"1\"]");
          } catch (IOException e) {
            return false;
          }
        },
        () -> read(log));
    return port;
  }

  private static void start(List<String> command, Path log) throws IOException {
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  /** Polls until done; the deadline only guards against a hang and says what was seen. */
  private static void waitFor(String what, BooleanSupplier done, Supplier<String> seen)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(HANG_GUARD);
    while (!done.getAsBoolean()) {
      for (Process p : processes) {
        assertThat(p.isAlive()).as(what + ": a process died\n" + seen.get()).isTrue();
      }
      if (service != null && !service.alive()) {
        throw new AssertionError(what + ": the service died\n" + service.log());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "not reached within " + HANG_GUARD + ": " + what + "\n" + seen.get());
      }
      Thread.sleep(200);
    }
  }

  private static String metrics() {
    try {
      return get(app + "/q/metrics");
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String get(String url) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), 200);
  }

  private static String post(String path, String user, String json) throws IOException {
    return send(
        service
            .request(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        201);
  }

  private static String send(HttpRequest request, int expected) throws IOException {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IOException(request.uri() + ": " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
