package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.forge.Forge;
import dev.ciorchestrator.forge.gitea.GiteaWorld;
import dev.ciorchestrator.forge.gitlab.GitLabWorld;
import dev.ciorchestrator.forge.hosted.FakeForgeServer;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.file.FileRunStore;
import dev.ciorchestrator.run.file.FileWatermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 14's benchmark: steady-state polling of 1,000 open merge requests on GitLab or pull
 * requests on Gitea, against their fakes, through the real {@link RepoReconciler}. Neither forge
 * answers conditional requests, so every request counts: it reports requests per pass, how many are
 * listing pages (of changes and of branches) and how many read one change (goal 0 while nothing
 * changed); also the cost of one new comment and of the periodic full refresh.
 *
 * <p>Usage: {@code .ci/bench HostedPollBench} (both), or with {@code gitlab} or {@code gitea}.
 */
public final class HostedPollBench {
  private static final int CHANGES = 1_000;
  private static final int STEADY_PASSES = 20;
  private static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: acme/app
      forge: %s
      defaultBranch: main
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval'"
      """;

  /** One forge's fake, set up with 1,000 open changes. */
  private interface Setup extends AutoCloseable {
    FakeForgeServer fake();

    Forge forge(Repository repository);

    void comment(long change, String login, String body);

    /** Whether a logged request reads one change (rather than listing changes or branches). */
    boolean readsOneChange(String line);
  }

  private HostedPollBench() {}

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    List<String> forges = args.length == 0 ? List.of("gitlab", "gitea") : List.of(args);
    for (String forge : forges) {
      run(forge);
    }
    // the standalone fault-tolerance timer (tests' StandaloneGuardSpi) runs on a non-daemon thread
    System.exit(0);
  }

  private static void run(String kind) throws Exception {
    Path dir = Files.createTempDirectory(kind + "-poll-bench");
    String id = kind.equals("gitlab") ? "gl" : "gt";
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG.formatted(id));
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    ConfigSnapshot snapshot = sync.current();
    Repository repository = snapshot.repository("acme/app").orElseThrow();
    try (Setup setup = kind.equals("gitlab") ? gitlab(dir) : gitea(dir)) {
      FakeForgeServer fake = setup.fake();
      RepoReconciler reconciler =
          new RepoReconciler(
              Map.of(id, setup.forge(repository)),
              new FileRunStore(dir.resolve("runs")),
              new NoExecutor(),
              new FileWatermarks(dir.resolve("watermarks.json")),
              Clock.systemUTC(),
              new RunLinks("http://localhost:8080"),
              Duration.ofHours(1),
              LoopMetrics.NONE);
      System.out.printf("### %s, %,d open changes%n", kind, CHANGES);
      for (int pass = 1; pass <= 10; pass++) {
        fake.resetCounters();
        long t = System.nanoTime();
        int planned = reconciler.reconcile(snapshot, repository);
        System.out.printf(
            "settling pass %d: %,d planned, %,d requests (%,d reading one change) in %.1f s%n",
            pass, planned, fake.requests(), reads(setup), (System.nanoTime() - t) / 1e9);
        if (planned == 0 && reads(setup) == 0) {
          break;
        }
      }
      int[] requests = new int[STEADY_PASSES];
      int[] reads = new int[STEADY_PASSES];
      double[] ms = new double[STEADY_PASSES];
      for (int i = 0; i < STEADY_PASSES; i++) {
        fake.resetCounters();
        long t = System.nanoTime();
        if (reconciler.reconcile(snapshot, repository) != 0) {
          throw new IllegalStateException("a steady pass planned something");
        }
        ms[i] = (System.nanoTime() - t) / 1e6;
        requests[i] = fake.requests();
        reads[i] = reads(setup);
      }
      Arrays.sort(ms);
      System.out.printf(
          "| %s: steady pass, %,d open changes, nothing changed | %d requests · %d reading one"
              + " change (max over %d passes) · p50 %.1f ms | 0 reading one change |%n",
          kind,
          CHANGES,
          Arrays.stream(requests).max().orElse(0),
          Arrays.stream(reads).max().orElse(0),
          STEADY_PASSES,
          ms[STEADY_PASSES / 2]);

      setup.comment(500, "bob", "/approve");
      fake.resetCounters();
      reconciler.reconcile(snapshot, repository);
      int commentRequests = fake.requests();
      int commentReads = reads(setup);
      fake.resetCounters();
      reconciler.reconcile(snapshot, repository);
      System.out.printf(
          "| %s: one new comment (`/approve` on one change) | %d requests · %d reading one change,"
              + " then %d · %d to read back the summary it rewrote | — |%n",
          kind, commentRequests, commentReads, fake.requests(), reads(setup));

      fake.advance(Duration.ofMinutes(11)); // past full-refresh (10m)
      fake.resetCounters();
      long t = System.nanoTime();
      reconciler.reconcile(snapshot, repository);
      System.out.printf(
          "| %s: full refresh (every 10 min: each change's details) | %,d requests · %.1f s | — |%n",
          kind, fake.requests(), (System.nanoTime() - t) / 1e9);
    }
  }

  private static int reads(Setup setup) {
    return (int) setup.fake().log().stream().filter(setup::readsOneChange).count();
  }

  private static Setup gitlab(Path dir) throws Exception {
    GitLabWorld world = new GitLabWorld(dir.resolve("world"));
    List<String> heads = world.branches(CHANGES);
    for (int n = 1; n <= CHANGES; n++) {
      world.gitlab.openMergeRequest(
          GitLabWorld.REPO,
          "alice",
          "Change " + n,
          "change-" + n,
          heads.get(n - 1),
          "main",
          List.of("change-" + n + ".txt"));
    }
    return new Setup() {
      @Override
      public FakeForgeServer fake() {
        return world.gitlab;
      }

      @Override
      public Forge forge(Repository repository) {
        return world.forge(repository);
      }

      @Override
      public void comment(long change, String login, String body) {
        world.gitlab.note(GitLabWorld.REPO, change, login, body);
      }

      @Override
      public boolean readsOneChange(String line) {
        return line.contains("/merge_requests/") || line.contains("/repository/commits/");
      }

      @Override
      public void close() {
        world.close();
      }
    };
  }

  private static Setup gitea(Path dir) throws Exception {
    GiteaWorld world = new GiteaWorld(dir.resolve("world"));
    List<String> heads = world.branches(CHANGES);
    for (int n = 1; n <= CHANGES; n++) {
      world.gitea.openPull(
          GiteaWorld.REPO,
          "alice",
          "Change " + n,
          "change-" + n,
          heads.get(n - 1),
          "main",
          List.of("change-" + n + ".txt"));
    }
    return new Setup() {
      @Override
      public FakeForgeServer fake() {
        return world.gitea;
      }

      @Override
      public Forge forge(Repository repository) {
        return world.forge(repository);
      }

      @Override
      public void comment(long change, String login, String body) {
        world.gitea.comment(GiteaWorld.REPO, change, login, body);
      }

      @Override
      public boolean readsOneChange(String line) {
        return line.contains("/pulls/") || line.contains("/issues/") || line.contains("/commits/");
      }

      @Override
      public void close() {
        world.close();
      }
    };
  }
}
