package dev.ciorchestrator.forge.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.executor.RunEvents;
import dev.ciorchestrator.executor.local.LocalExecutor;
import dev.ciorchestrator.executor.process.JobSlots;
import dev.ciorchestrator.executor.process.ProcessRunner;
import dev.ciorchestrator.executor.workspace.WorkspaceBuilder;
import dev.ciorchestrator.forge.hosted.FakeGitRemote;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.GateListener;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.PlanRules;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.reconcile.queue.QueueMetrics;
import dev.ciorchestrator.reconcile.queue.QueueReconciler;
import dev.ciorchestrator.reconcile.queue.QueueStore;
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
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The merge queue on GitHub, against {@link FakeGitHub} backed by a real bare repository: the batch
 * commit is written in the adapter's mirror and pushed to a temporary branch, its job runs there
 * for real, and the green batch lands through GitHub's API (each pull request's merge with its head
 * SHA, in order; or a fast-forward of main to the batch commit).
 */
class GitHubQueueTest {
  private static final String REPO = GitHubWorld.REPO;
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: gh
      defaultBranch: main
      merge: {auto: true, method: METHOD, queue: {maxBatch: 4}}
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: build
      repos: [acme/app]
      triggers: {pullRequest: {branches: [main]}}
      run: "test -f README.md && ls change-*.txt"
      """;

  @TempDir Path dir;
  private GitHubWorld world;
  private RepoReconciler reconciler;
  private ConfigSnapshot snapshot;
  private RunStore runs;
  private ExecutorService pool;

  @AfterEach
  void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
    world.close();
  }

  @ParameterizedTest(name = "merge method {0}")
  @ValueSource(strings = {"merge", "fast-forward"})
  void twoPullRequestsMergeInOneBatchTestedOnATemporaryBranch(String method) throws Exception {
    start(method);
    List<String> heads = world.branches(2);
    for (int n = 1; n <= 2; n++) {
      world.github.openPull(
          REPO, "alice", "Change " + n, "change-" + n, heads.get(n - 1), "main", List.of());
    }
    pass();
    awaitRuns("both pull requests' own runs", 2);

    pollUntil("both merged", () -> world.github.merged(REPO, 1) && world.github.merged(REPO, 2));

    assertThat(world.github.merges())
        .extracting(m -> m.number() + " " + m.status())
        .containsExactly("1 200", "2 200");
    if (method.equals("merge")) {
      assertThat(world.github.merges())
          .extracting(FakeGitHub.MergeCall::sha)
          .containsExactlyElementsOf(heads);
    }
    String main = world.github.branchSha(REPO, "main").orElseThrow();
    assertThat(files(main)).contains("change-1.txt", "change-2.txt", "README.md");
    String batch =
        world.github.log().stream()
            .filter(l -> l.startsWith("POST /repos/acme/app/statuses/"))
            .map(l -> l.substring("POST /repos/acme/app/statuses/".length()))
            .filter(sha -> !heads.contains(sha))
            .findFirst()
            .orElseThrow();
    assertThat(world.github.statuses(REPO, batch))
        .anyMatch(s -> s.context().equals("ci/build") && s.state().equals("success"));
    if (method.equals("fast-forward")) {
      assertThat(main).isEqualTo(batch);
    }
    assertThat(world.github.statuses(REPO, heads.get(0)))
        .anyMatch(s -> s.context().equals("ci/queue") && s.state().equals("success"));
    pollUntil(
        "the temporary branch is deleted",
        () ->
            world.github.log().stream().anyMatch(l -> l.startsWith("GET /repos/acme/app/branches"))
                && !remoteBranches().containsKey("ci-orchestrator/queue/main/1"));
  }

  private void start(String method) throws Exception {
    world = new GitHubWorld(dir.resolve("world"));
    world.github.gitRemote(REPO, dir.resolve("world/remote/" + REPO + ".git"));
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG.replace("METHOD", method));
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
    runs = new FileRunStore(dir.resolve("runs/records"));
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
    reconciler =
        new RepoReconciler(
            Map.of("gh", forge),
            runs,
            executor,
            new FileWatermarks(dir.resolve("watermarks.json")),
            clock,
            new RunLinks("http://localhost:8080"),
            Duration.ofHours(1),
            LoopMetrics.NONE,
            GateListener.NONE,
            PlanRules.DEFAULT,
            new dev.ciorchestrator.reconcile.ChangeBoard(),
            List.of(
                new QueueReconciler(QueueStore.inMemory(), LoopMetrics.NONE, QueueMetrics.NONE)));
  }

  /** One reconcile pass, as the timer or an event would cause. */
  private void pass() throws Exception {
    reconciler.reconcile(snapshot, snapshot.repository(REPO).orElseThrow());
  }

  /** Passes until {@code done}; no wall-clock assertion, only a generous hang guard. */
  private void pollUntil(String what, BooleanSupplier done) throws Exception {
    for (int i = 0; i < 1200 && !done.getAsBoolean(); i++) {
      pass();
      Thread.sleep(50);
    }
    assertThat(done.getAsBoolean())
        .as("%s; runs: %s; GitHub saw: %s", what, runs.all(), tail(world.github.log()))
        .isTrue();
  }

  /**
   * Waits, without a pass, until {@code count} runs ended, so the next pass finds every pull
   * request ready at once and they enter the queue together.
   */
  private void awaitRuns(String what, int count) throws Exception {
    for (int i = 0; i < 1200; i++) {
      if (runs.all().size() == count && runs.all().stream().allMatch(r -> r.state().terminal())) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(what + " did not end: " + runs.all());
  }

  private static List<String> tail(List<String> log) {
    return log.stream()
        .filter(l -> !l.startsWith("GET"))
        .skip(Math.max(0, log.size() - 40))
        .toList();
  }

  private Map<String, String> remoteBranches() {
    return new FakeGitRemote(dir.resolve("world/remote/" + REPO + ".git")).branches();
  }

  private List<String> files(String sha) throws Exception {
    try (Repository git =
            new FileRepositoryBuilder()
                .setGitDir(dir.resolve("world/remote/" + REPO + ".git").toFile())
                .build();
        RevWalk walk = new RevWalk(git);
        TreeWalk tree = new TreeWalk(git)) {
      tree.addTree(walk.parseCommit(git.resolve(sha)).getTree());
      tree.setRecursive(true);
      List<String> out = new java.util.ArrayList<>();
      while (tree.next()) {
        out.add(tree.getPathString());
      }
      return out;
    }
  }
}
