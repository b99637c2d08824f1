package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.review.ConfigRepository;
import dev.ciorchestrator.config.review.ConfigReviewer;
import dev.ciorchestrator.config.review.HeadConfig;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.ChangeBoard;
import dev.ciorchestrator.reconcile.GateListener;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.PlanRules;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes to the config repository on GitHub, end to end against {@link FakeGitHub} backed by a
 * real bare repository: acme/app is the config repository (declared by name), each pull request's
 * head is read from the adapter's mirror, and its review arrives through GitHub's API as the {@code
 * ci/config} commit status and the summary comment.
 */
class GitHubConfigReviewTest {
  private static final String REPO = GitHubWorld.REPO;
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: gh
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers: {pullRequest: {branches: [main], paths: ["src/**"]}}
      run: "true"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: one-approval
      type: gate
      rule: "size(change.approvals) >= 1"
      """;

  @TempDir Path dir;
  private GitHubWorld world;
  private RepoReconciler reconciler;
  private ConfigSnapshot snapshot;
  private ExecutorService pool;

  @BeforeEach
  void setUp() throws Exception {
    world = new GitHubWorld(dir.resolve("world"));
    world.gitRemote();
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG);
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    snapshot = sync.current();
    assertThat(snapshot.repositories()).as("config loads: %s", sync.status()).hasSize(1);
    GitHubForge forge = world.forge(world.connection(), snapshot.repository(REPO).orElseThrow());
    Clock clock = Clock.systemUTC();
    FileRunStore runs = new FileRunStore(dir.resolve("runs/records"));
    pool = Executors.newCachedThreadPool();
    LocalExecutor executor =
        new LocalExecutor(
            runs,
            new WorkspaceBuilder(),
            new ProcessRunner(),
            new JobSlots(),
            dir.resolve("runs"),
            clock,
            new RunEvents(),
            pool);
    ConfigReviewer reviewer =
        new ConfigReviewer(
            Map.of("gh", forge),
            new ConfigRepository(Optional.of(REPO), "https://config.example.org/unused.git"),
            new HeadConfig(new ConfigLoader(new CelPolicyEngine()), "", dir.resolve("heads")),
            clock,
            2,
            () -> "http://ci.example.org");
    reconciler =
        new RepoReconciler(
            Map.of("gh", forge),
            runs,
            executor,
            new FileWatermarks(dir.resolve("watermarks.json")),
            clock,
            new RunLinks("http://ci.example.org"),
            Duration.ofHours(1),
            LoopMetrics.NONE,
            GateListener.NONE,
            PlanRules.DEFAULT,
            new ChangeBoard(),
            List.of(reviewer));
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    world.close();
  }

  @Test
  void aPullRequestWithAnErrorGetsCiConfigFailureWithTheFileAndLine() throws Exception {
    String broken = CONFIG.replace("size(change.approvals) >= 1", "size(change.aprovals) >= 1");
    String head = world.pushBranch("broken", "ci.yaml", broken);
    long n =
        world.github.openPull(REPO, "alice", "Typo", "broken", head, "main", List.of("ci.yaml"));

    pollUntil("ci/config reported", () -> status(head).isPresent());

    FakeGitHub.StatusData config = status(head).orElseThrow();
    assertThat(config.state()).isEqualTo("failure");
    assertThat(config.description()).contains("does not load").contains("ci.yaml:19:19:");
    assertThat(summary(n)).contains("**Config change**").contains("ci.yaml:19:19:");
    assertThat(world.github.merged(REPO, n)).isFalse();
  }

  @Test
  void aValidPullRequestGetsItsDiffAndImpactWithALinkToTheRest() throws Exception {
    world.github.openPull(
        REPO, "alice", "Feature", "feature", world.featureSha, "main", List.of("src/app.txt"));
    String jobs =
        CONFIG
            + """
            ---
            apiVersion: ci-orchestrator/v1
            kind: Job
            name: lint
            repos: [acme/app]
            triggers: {pullRequest: {branches: [main]}}
            run: "true"
            env: {A: "1", B: "2", C: "3"}
            """;
    String head = world.pushBranch("lint", "ci.yaml", jobs);
    long n = world.github.openPull(REPO, "alice", "Lint", "lint", head, "main", List.of("ci.yaml"));

    pollUntil("ci/config reported", () -> status(head).isPresent());

    assertThat(status(head).orElseThrow().state()).isEqualTo("success");
    assertThat(status(head).orElseThrow().description()).startsWith("valid; 1 job added");
    assertThat(summary(n))
        .contains("Effective diff against the running config: 1 job added")
        .contains("Job lint: added")
        .contains("… and ")
        .contains("(http://ci.example.org/api/v1/config/reviews/" + n + "/diff)")
        .contains("Impact on the open changes (2 open")
        .contains("acme/app#1: starts lint");
  }

  private Optional<FakeGitHub.StatusData> status(String sha) {
    return world.github.statuses(REPO, sha).stream()
        .filter(s -> s.context().equals("ci/config"))
        .reduce((a, b) -> b);
  }

  private String summary(long n) {
    return world.github.comments(REPO, n).stream()
        .map(FakeGitHub.CommentData::body)
        .filter(b -> b.contains("**Config change**"))
        .reduce((a, b) -> b)
        .orElse("");
  }

  /** Passes until {@code done}; no wall-clock assertion, only a generous hang guard. */
  private void pollUntil(String what, BooleanSupplier done) throws Exception {
    for (int i = 0; i < 600 && !done.getAsBoolean(); i++) {
      reconciler.reconcile(snapshot, snapshot.repository(REPO).orElseThrow());
      Thread.sleep(50);
    }
    assertThat(done.getAsBoolean()).as("%s; GitHub saw: %s", what, world.github.log()).isTrue();
  }
}
