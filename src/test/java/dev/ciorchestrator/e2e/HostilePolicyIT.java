package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ciorchestrator.forge.local.LocalRepos;
import dev.ciorchestrator.forge.local.TestGitRepo;
import dev.ciorchestrator.testing.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §7 on the packaged service: one repository's policies are written to hurt (a regex bomb
 * built at run time, a quadratic search, nested loops, growing strings, huge lists, a slow regex).
 * Each ends as a policy error on that repository's change, while the other repository keeps
 * reconciling and starting the jobs of the changes opened meanwhile, liveness and readiness stay
 * green, and nothing answers 5xx. A good config revision then lets the first repository recover.
 */
class HostilePolicyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE = "acme/hostile";
  private static final String GOOD = "acme/good";

  /** 1,048,576 characters built inside the rule: no input needs to be large. */
  private static final String MEBI = "('a'" + ".replace('a', 'aaaa')".repeat(10) + ")";

  private static final String REPOSITORIES =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/hostile
      forge: local
      defaultBranch: main
      ---
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/good
      forge: local
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: ok
      repos: ["acme/*"]
      triggers:
        pullRequest: {branches: [main]}
      run: "true"
      timeout: 1m
      """;

  /** Loads (nothing is wrong with it at load time) and hurts at every evaluation. */
  private static final String HOSTILE_POLICIES =
      """
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: trust-bomb
      type: trust
      repos: [acme/hostile]
      rule: "!change.title.matches(change.author + '((a{1000}){1000}){1000}')"
      """
          + gate("quadratic-contains", "!MEBI.contains(MEBI.substring(500000) + 'b')")
          + gate(
              "nested-loops",
              "lists.range(100).all(a, lists.range(100).all(b,"
                  + " lists.range(100).all(c, a + b + c >= 0)))")
          + gate("growing-strings", "lists.range(10000).map(i, MEBI.substring(i)).size() > 0")
          + gate("huge-lists", "lists.range(10000).map(i, lists.range(10000)).size() > 0")
          + gate("slow-regex", "!MEBI.matches('[a-z]{1000}b')");

  private static final String GOOD_POLICIES =
      """
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: trust-bomb
      type: trust
      repos: [acme/hostile]
      rule: "change.author == 'alice'"
      """;

  @TempDir Path dir;
  private ServiceProcess service;
  private TestGitRepo config;

  @AfterEach
  void stop() throws InterruptedException {
    if (service != null) {
      service.close();
    }
    if (config != null) {
      config.close();
    }
  }

  @Test
  void hostilePoliciesEndAsPolicyErrorsWhileTheOtherRepositoryRunsItsJobs() throws Exception {
    start();
    int first = open(GOOD, "feature-1");
    int hostile = open(HOSTILE, "feature-1");
    List<Integer> good = new ArrayList<>(List.of(first));
    for (String branch : List.of("feature-2", "feature-3")) {
      good.add(open(GOOD, branch)); // opened while the hostile change is being evaluated
    }

    for (int n : good) {
      waitFor(GOOD + "#" + n + " ran its job", () -> "success".equals(status(GOOD, n, "ci/ok")));
    }
    String summary =
        waitFor(
            HOSTILE + "#" + hostile + " shows every policy error",
            () -> summary(HOSTILE, hostile),
            s -> s.contains("`slow-regex`: policy error"));
    // Which bound a loop, a string or a list reaches first (time, iterations or memory) depends on
    // the machine's speed; each must be reached, and named.
    assertThat(summary)
        .contains(
            "`trust-bomb`: policy error: evaluation error at character 22: regex"
                + " `alice((a{1000}){1000}){1000}` is too large")
        .contains("`quadratic-contains`: policy error: evaluation exceeded the 100 ms time limit")
        .contains("`nested-loops`: policy error: evaluation exceeded the")
        .contains("`growing-strings`: policy error: evaluation exceeded the")
        .contains("`huge-lists`: policy error: evaluation exceeded the")
        .contains("`slow-regex`: policy error: evaluation exceeded the 100 ms time limit");
    assertThat(status(HOSTILE, hostile, "ci/ok")).as("an untrusted change runs nothing").isNull();
    assertThat(passError(HOSTILE)).as("the pass itself succeeded").isEmpty();
    assertThat(service.status("/q/health/live")).isEqualTo(200);
    assertThat(service.status("/q/health/ready")).isEqualTo(200);
    assertThat(get("/q/health/live").toString()).contains("reconcile-loop");

    config.commit("main", "main", TestGitRepo.files("policies.yaml", GOOD_POLICIES));
    waitFor(
        HOSTILE + "#" + hostile + " recovers with the good revision and runs its job",
        () -> "success".equals(status(HOSTILE, hostile, "ci/ok")));
    assertThat(service.status("/q/health/live")).isEqualTo(200);
    assertThat(service.log()).doesNotContain("OutOfMemoryError").doesNotContain("Exception in");
  }

  private static String gate(String name, String rule) {
    return """
        ---
        apiVersion: ci-orchestrator/v1
        kind: Policy
        name: %s
        type: gate
        repos: [acme/hostile]
        rule: "%s"
        """
        .formatted(name, rule.replace("MEBI", MEBI));
  }

  private void start() throws Exception {
    config = TestGitRepo.init(dir.resolve("config"));
    config.commit(
        "main",
        "main",
        TestGitRepo.files("repos.yaml", REPOSITORIES, "policies.yaml", HOSTILE_POLICIES));
    for (String repo : List.of(HOSTILE, GOOD)) {
      try (TestGitRepo work = TestGitRepo.init(dir.resolve("work-" + repo.replace('/', '-')))) {
        work.commit("main", "main", TestGitRepo.files("app.txt", "ok\n"));
        for (String branch : List.of("feature-1", "feature-2", "feature-3")) {
          work.commit(branch, "main", TestGitRepo.files(branch + ".txt", "new\n"));
        }
        work.bareClone(LocalRepos.bareRepoPath(dir.resolve("repos"), repo));
      }
    }
    Map<String, String> settings =
        new LinkedHashMap<>(ServiceFolders.settings(dir, dir.resolve("config")));
    settings.put("ci.config.revision", "main");
    settings.put("ci.config.cache-dir", dir.resolve("config-cache").toString());
    settings.put("ci.config.sync-interval", "1s");
    settings.put("ci.reconcile.interval", "1s");
    settings.put("ci.forge.local.users", "alice,bob");
    service = ServiceProcess.of(dir, settings).start();
  }

  private int open(String repo, String branch) throws IOException {
    HttpResponse<String> answer =
        service.send(
            service
                .request("/api/v1/repos/" + repo + "/changes", "alice")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Add %s\",\"author\":\"alice\",\"source\":\"%s\",\"target\":\"main\"}"
                            .formatted(branch, branch)))
                .build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return JSON.readTree(answer.body()).path("number").asInt();
  }

  private String status(String repo, int number, String context) {
    for (JsonNode s : get("/api/v1/repos/" + repo + "/changes/" + number).path("statuses")) {
      if (s.path("context").asText().equals(context)) {
        return s.path("state").asText();
      }
    }
    return null;
  }

  private String summary(String repo, int number) {
    for (JsonNode c : get("/api/v1/repos/" + repo + "/changes/" + number).path("comments")) {
      if (c.path("author").asText().equals("ci-orchestrator")) {
        return c.path("body").asText();
      }
    }
    return "";
  }

  private String passError(String repo) {
    for (JsonNode pass : get("/api/v1/reconcile")) {
      if (pass.path("repo").asText().equals(repo)) {
        return pass.path("error").asText();
      }
    }
    return "no pass yet";
  }

  /** Any answer but a 5xx; health checks answer 503 with a body as well. */
  private JsonNode get(String path) {
    try {
      HttpResponse<String> answer = service.send(service.request(path).GET().build());
      assertThat(answer.statusCode()).as(path + ": " + answer.body()).isLessThan(500);
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    service.waitFor(what, done);
  }

  private <T> T waitFor(String what, Supplier<T> read, Predicate<T> done)
      throws InterruptedException {
    List<T> last = new ArrayList<>(List.of(read.get()));
    service.waitFor(
        what,
        () -> {
          last.set(0, read.get());
          return done.test(last.get(0));
        });
    return last.get(0);
  }
}
