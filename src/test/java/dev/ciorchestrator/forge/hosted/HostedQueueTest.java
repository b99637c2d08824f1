package dev.ciorchestrator.forge.hosted;

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
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.gitea.GiteaWorld;
import dev.ciorchestrator.forge.github.GitHubWorld;
import dev.ciorchestrator.forge.gitlab.GitLabWorld;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge queue on every hosted forge, against its fake backed by a real bare repository: the
 * batch commit is written in the adapter's mirror and pushed to a temporary branch, its job runs
 * there for real, and the green batch lands through the forge (each change's merge with its head
 * SHA guard, in order; or the batch commit pushed to main, leased on the tested base, the forge
 * then marking the changes merged).
 */
class HostedQueueTest {
  private static final String REPO = HostedWorld.REPO;
  private static final Pattern STATUS = Pattern.compile("POST .*/statuses/([0-9a-f]{40})");
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: FORGE
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
  private HostedWorld world;
  private RepoReconciler reconciler;
  private ConfigSnapshot snapshot;
  private RunStore runs;
  private ExecutorService pool;

  @AfterEach
  void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (world != null) {
      world.close();
    }
  }

  static Stream<Arguments> forgesAndMethods() {
    return Stream.of("github", "gitlab", "gitea")
        .flatMap(f -> Stream.of(Arguments.of(f, "merge"), Arguments.of(f, "fast-forward")));
  }

  @ParameterizedTest(name = "{0}, merge method {1}")
  @MethodSource("forgesAndMethods")
  void twoChangesMergeInOneBatchTestedOnATemporaryBranch(String forge, String method)
      throws Exception {
    start(forge, method);
    List<String> heads = world.branches(2);
    for (int n = 1; n <= 2; n++) {
      world.open(
          "alice", "Change " + n, "change-" + n, heads.get(n - 1), List.of("change-" + n + ".txt"));
    }
    pass();
    awaitRuns("both changes' own runs", 2);

    pollUntil("both merged", () -> world.merged(1) && world.merged(2));

    if (method.equals("merge")) {
      assertThat(world.mergedHeads()).as("merged with their head SHAs, in order").isEqualTo(heads);
    }
    String main = remoteBranches().get("main");
    assertThat(files(main)).contains("change-1.txt", "change-2.txt", "README.md");
    String batch =
        world.log().stream()
            .map(STATUS::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1))
            .filter(sha -> !heads.contains(sha))
            .findFirst()
            .orElseThrow();
    // the batch's status is reported by a pass of its own, which may come after the merge
    pollUntil(
        "the batch's build status is success",
        () -> "success".equals(world.statuses(batch).get("ci/build")));
    if (method.equals("fast-forward")) {
      assertThat(main).isEqualTo(batch);
    }
    assertThat(world.statuses(heads.get(0))).containsEntry("ci/queue", "success");
    pollUntil(
        "the temporary branch is deleted",
        () -> !remoteBranches().containsKey("ci-orchestrator/queue/main/1"));
  }

  private void start(String kind, String method) throws Exception {
    world =
        switch (kind) {
          case "github" -> new GitHubWorld(dir.resolve("world"));
          case "gitlab" -> new GitLabWorld(dir.resolve("world"));
          default -> new GiteaWorld(dir.resolve("world"));
        };
    world.gitRemote();
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        dir.resolve("config/ci.yaml"),
        CONFIG.replace("FORGE", world.id()).replace("METHOD", method));
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    snapshot = sync.current();
    assertThat(snapshot.repositories()).as("config loads: %s", sync.status()).hasSize(1);
    Forge forge = world.forge(snapshot.repository(REPO).orElseThrow());
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
            Map.of(world.id(), forge),
            runs,
            executor,
            new FileWatermarks(dir.resolve("watermarks.json")),
            new dev.ciorchestrator.run.file.FileControllerMemory(
                dir.resolve("memory.json"), dev.ciorchestrator.run.WriteFence.open()),
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
        .as("%s; runs: %s; the forge saw: %s", what, runs.all(), tail(world.log()))
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
    return new FakeGitRemote(world.remote.bare()).branches();
  }

  private List<String> files(String sha) throws Exception {
    try (Repository git =
            new FileRepositoryBuilder().setGitDir(world.remote.bare().toFile()).build();
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
