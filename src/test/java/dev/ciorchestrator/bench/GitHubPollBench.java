package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.DirectoryConfigSource;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.forge.github.FakeGitHub;
import dev.ciorchestrator.forge.github.GitHubForge;
import dev.ciorchestrator.forge.github.GitHubWorld;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.RepoReconciler;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.RunStore;
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
 * Issue 6's benchmark: steady-state polling of 1,000 open pull requests against {@link FakeGitHub},
 * through the real {@link RepoReconciler} (so the reporter's writes count too). Reports requests
 * per pass, how many were not 304, and how many counted against the rate limit when nothing changed
 * (goal 0); also the cost of one new comment and of the periodic full refresh.
 *
 * <p>Usage: {@code .ci/bench GitHubPollBench}. The repository has a gate policy and no jobs, so
 * each pull request gets a {@code ci/gate} status and a summary comment while settling.
 */
public final class GitHubPollBench {
  private static final int PULLS = 1_000;
  private static final int STEADY_PASSES = 20;
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
      kind: Policy
      name: require-approval
      type: gate
      repos: ["*"]
      rule: "size(change.approvals) >= 1"
      message: "'needs 1 approval'"
      """;

  private GitHubPollBench() {}

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    Path dir = Files.createTempDirectory("github-poll-bench");
    Files.createDirectories(dir.resolve("config"));
    Files.writeString(dir.resolve("config/ci.yaml"), CONFIG);
    ConfigSync sync =
        new ConfigSync(
            new DirectoryConfigSource(dir.resolve("config")),
            new ConfigLoader(new CelPolicyEngine()),
            Clock.systemUTC());
    sync.sync();
    ConfigSnapshot snapshot = sync.current();
    Repository repository = snapshot.repository(GitHubWorld.REPO).orElseThrow();
    try (GitHubWorld world = new GitHubWorld(dir.resolve("world"))) {
      FakeGitHub github = world.github;
      // cold, every open pull request costs about five requests: more than a personal token's
      // 5,000 an hour for 1,000 of them, so measure as an App on Enterprise Cloud (15,000)
      github.rateLimit(15_000);
      List<String> heads = world.branches(PULLS);
      for (int n = 1; n <= PULLS; n++) {
        github.openPull(
            GitHubWorld.REPO,
            "alice",
            "Change " + n,
            "change-" + n,
            heads.get(n - 1),
            "main",
            List.of("change-" + n + ".txt"));
      }
      GitHubForge forge = world.forge(repository);
      RunStore runs = new FileRunStore(dir.resolve("runs"));
      RepoReconciler reconciler =
          new RepoReconciler(
              Map.of("gh", forge),
              runs,
              new NoExecutor(),
              new FileWatermarks(dir.resolve("watermarks.json")),
              Clock.systemUTC(),
              new RunLinks("http://localhost:8080"),
              Duration.ofHours(1),
              LoopMetrics.NONE);

      // settle: first listing, then the summaries and gate statuses, then reading them back
      for (int pass = 1; pass <= 10; pass++) {
        github.resetCounters();
        long t = System.nanoTime();
        int planned = reconciler.reconcile(snapshot, repository);
        System.out.printf(
            "settling pass %d: %,d planned, %,d requests (%,d not 304) in %.1f s%n",
            pass, planned, github.requests(), github.costed(), (System.nanoTime() - t) / 1e9);
        if (planned == 0 && github.costed() == 0) {
          break;
        }
      }

      int[] requests = new int[STEADY_PASSES];
      int[] costed = new int[STEADY_PASSES];
      double[] ms = new double[STEADY_PASSES];
      for (int i = 0; i < STEADY_PASSES; i++) {
        github.resetCounters();
        long t = System.nanoTime();
        if (reconciler.reconcile(snapshot, repository) != 0) {
          throw new IllegalStateException("a steady pass planned something");
        }
        ms[i] = (System.nanoTime() - t) / 1e6;
        requests[i] = github.requests();
        costed[i] = github.costed();
      }
      Arrays.sort(ms);
      System.out.printf(
          "| steady pass, %,d open pull requests, nothing changed | %d requests · %d not 304 ·"
              + " %d rate-limited (max over %d passes) · p50 %.1f ms | 0 rate-limited |%n",
          PULLS,
          Arrays.stream(requests).max().orElse(0),
          Arrays.stream(costed).max().orElse(0),
          Arrays.stream(costed).max().orElse(0),
          STEADY_PASSES,
          ms[STEADY_PASSES / 2]);

      github.comment(GitHubWorld.REPO, 500, "bob", "/approve");
      github.resetCounters();
      reconciler.reconcile(snapshot, repository);
      int commentRequests = github.requests();
      int commentCosted = github.costed();
      github.resetCounters();
      reconciler.reconcile(snapshot, repository); // reads back what that pass wrote
      System.out.printf(
          "| one new comment (`/approve` on one pull request) | %d requests · %d not 304, then"
              + " %d · %d to read back the summary it rewrote | — |%n",
          commentRequests, commentCosted, github.requests(), github.costed());

      github.advance(Duration.ofMinutes(11)); // past full-refresh (10m)
      github.resetCounters();
      long t = System.nanoTime();
      reconciler.reconcile(snapshot, repository);
      System.out.printf(
          "| full refresh (every 10 min: each pull request's details, conditionally) | %,d"
              + " requests · %d not 304 · %.1f s | 0 rate-limited |%n",
          github.requests(), github.costed(), (System.nanoTime() - t) / 1e9);
    }
    // the standalone fault-tolerance timer (tests' StandaloneGuardSpi) runs on a non-daemon thread
    System.exit(0);
  }
}
