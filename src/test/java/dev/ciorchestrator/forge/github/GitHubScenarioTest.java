package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.forge.Markers;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.ReconcileLoop;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way on GitHub, through the real reconcile loop, local executor (real bash runs in
 * workspaces built from the adapter's JGit mirror) and config loader: a pull request opens, its job
 * runs, {@code ci/<job>} is posted, {@code /approve} arrives, and the merge is called with the head
 * SHA. No webhooks: the test pokes the loop as the timer would.
 */
class GitHubScenarioTest {
  private static final String REPO = GitHubWorld.REPO;
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: gh
      defaultBranch: main
      merge: {auto: true, method: squash}
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers: {pullRequest: {branches: [main]}}
      run: "test -f src/app.txt"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval'"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: required-jobs-green
      type: gate
      repos: ["*"]
      rule: "jobs.all(j, !jobs[j].required || jobs[j].status in ['success', 'skipped'])"
      """;

  @TempDir Path dir;
  private GitHubWorld world;
  private FakeGitHub github;
  private ReconcileLoop loop;
  private ExecutorService pool;

  @BeforeEach
  void setUp() throws Exception {
    world = new GitHubWorld(dir.resolve("world"));
    github = world.github;
    github.member("acme", "olivia");
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG);
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    ConfigSnapshot snapshot = sync.current();
    assertThat(snapshot.repositories()).as("config loads: %s", sync.status()).hasSize(1);
    GitHubForge forge = world.forge(world.connection(), snapshot.repository(REPO).orElseThrow());
    Clock clock = Clock.systemUTC();
    RunStore runs = new FileRunStore(dir.resolve("runs/records"));
    RunEvents events = new RunEvents();
    pool = Executors.newCachedThreadPool();
    LocalExecutor executor =
        new LocalExecutor(
            runs,
            new WorkspaceBuilder(),
            new ProcessRunner(),
            new JobSlots(),
            dir.resolve("runs"),
            clock,
            events,
            pool);
    RepoReconciler reconciler =
        new RepoReconciler(
            Map.of("gh", forge),
            runs,
            executor,
            new FileWatermarks(dir.resolve("watermarks.json")),
            new dev.ciorchestrator.run.file.FileControllerMemory(
                dir.resolve("memory.json"), dev.ciorchestrator.run.WriteFence.open()),
            clock,
            new RunLinks("http://localhost:8080"),
            Duration.ofHours(1),
            LoopMetrics.NONE);
    loop = new ReconcileLoop(() -> snapshot, () -> {}, reconciler, clock, LoopMetrics.NONE);
    events.register(run -> loop.request(run.key().repo()));
    loop.start();
  }

  @AfterEach
  void tearDown() {
    loop.close();
    pool.shutdownNow();
    world.close();
  }

  /** Polls as the service's timer does, until {@code done}; no wall-clock assertion. */
  private void pollUntil(String what, BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
      loop.request(REPO);
      loop.awaitIdle(Duration.ofSeconds(30));
      Thread.sleep(100);
    }
    assertThat(done.getAsBoolean()).as("%s; loop: %s", what, loop.status()).isTrue();
  }

  private boolean hasStatus(String sha, String context, String state) {
    return github.statuses(REPO, sha).stream()
        .anyMatch(s -> s.context().equals(context) && s.state().equals(state));
  }

  private List<FakeGitHub.CommentData> botComments(long n) {
    return github.comments(REPO, n).stream()
        .filter(c -> c.login().equals(GitHubWorld.BOT))
        .toList();
  }

  @Test
  void aPullRequestRunsIsApprovedAndMergesWithItsHeadSha() throws Exception {
    long n = world.openFeature("alice");
    String head = world.featureSha;

    pollUntil("ci/build succeeded", () -> hasStatus(head, "ci/build", "success"));
    assertThat(github.statuses(REPO, head).stream().map(FakeGitHub.StatusData::context))
        .contains("ci/build", Names.GATE_CONTEXT);
    assertThat(hasStatus(head, Names.GATE_CONTEXT, "success")).isFalse();
    assertThat(github.merges()).isEmpty();

    github.comment(REPO, n, "bob", "/approve");
    pollUntil("the merge call", () -> !github.merges().isEmpty());

    assertThat(github.merges())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.sha()).isEqualTo(head);
              assertThat(m.method()).isEqualTo("squash");
              assertThat(m.status()).isEqualTo(200);
            });
    assertThat(github.merged(REPO, n)).isTrue();
    assertThat(hasStatus(head, Names.GATE_CONTEXT, "success")).isTrue();
    assertThat(botComments(n))
        .singleElement()
        .satisfies(c -> assertThat(c.body()).startsWith(Markers.SUMMARY));
  }

  @Test
  void anUntrustedPullRequestWaitsForOkToTestWithOneLabelAndOneComment() throws Exception {
    long n = world.openFeature("stranger");
    String head = world.featureSha;

    pollUntil(
        "needs-ok-to-test", () -> github.labels(REPO, n).contains(Names.NEEDS_OK_TO_TEST_LABEL));
    pollUntil("the explanation", () -> !botComments(n).isEmpty());
    for (int i = 0; i < 3; i++) { // more passes change nothing
      loop.request(REPO);
      loop.awaitIdle(Duration.ofSeconds(30));
    }
    assertThat(botComments(n))
        .singleElement()
        .satisfies(c -> assertThat(c.body()).contains("/ok-to-test"));
    assertThat(
            github.log().stream()
                .filter(l -> l.startsWith("POST /repos/acme/app/issues/" + n + "/labels"))
                .count())
        .isEqualTo(1);
    assertThat(hasStatus(head, "ci/build", "success")).isFalse();

    github.comment(REPO, n, "olivia", "/ok-to-test");
    pollUntil("ci/build succeeded", () -> hasStatus(head, "ci/build", "success"));
    pollUntil("label removed", () -> github.labels(REPO, n).isEmpty());
    assertThat(botComments(n)).hasSize(1);
  }
}
