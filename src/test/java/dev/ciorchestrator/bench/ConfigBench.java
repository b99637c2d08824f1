package dev.ciorchestrator.bench;

import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.config.sync.ConfigSync;
import dev.ciorchestrator.config.sync.SyncState;
import dev.ciorchestrator.config.sync.SyncStatus;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.jgit.api.Git;

/**
 * Config sync benchmarks of docs/benchmarks.md: cold load of 1,000 jobs and 200 policies from a Git
 * repository, reload after one file changed, and the same SHA again.
 */
public final class ConfigBench {
  private ConfigBench() {}

  public static void main(String[] args) throws Exception {
    measure(1000, 200, 7, "≤ 1500 ms");
  }

  /**
   * Prints the table for a config of {@code jobs} jobs and {@code policies} policies: a cold load
   * ({@code coldRounds} rounds; the first in a cold JVM), a reload after one job file and after one
   * policy file changed, and the same SHA again.
   */
  static void measure(int jobs, int policies, int coldRounds, String coldGoal) throws Exception {
    Path dir = Files.createTempDirectory("ci-bench-config");
    Path cache = Files.createTempDirectory("ci-bench-cache");
    String size = String.format("%,d jobs, %,d policies", jobs, policies);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      BenchConfigs.write(dir, jobs, policies);
      commit(git, "large config");

      // Cold: a fresh engine and loader each round, so nothing is cached but the JIT.
      Stopwatch.Result cold =
          Stopwatch.time(
              "cold load: resolve + read + parse + validate + compile (" + size + ")",
              coldRounds,
              () -> {
                try (GitConfigSource source =
                    new GitConfigSource(dir.toString(), "main", "", cache)) {
                  return expectLoaded(
                      new ConfigLoader(new CelPolicyEngine())
                          .load(source.resolve(), source.read(source.resolve())));
                }
              });

      GitConfigSource source = new GitConfigSource(dir.toString(), "main", "", cache);
      ConfigSync sync =
          new ConfigSync(source, new ConfigLoader(new CelPolicyEngine()), Clock.systemUTC());
      expectSynced(sync.sync());
      int[] variant = {0};
      int perFile = jobs / BenchConfigs.JOB_FILES;
      Stopwatch.Result reload =
          Stopwatch.time(
              "reload after one job file changed (new commit, same ConfigSync)",
              15,
              () -> {
                variant[0]++;
                Files.writeString(
                    dir.resolve("jobs/jobs-7.yaml"), BenchConfigs.jobFile(7, perFile, variant[0]));
                return commit(git, "change one job file " + variant[0]);
              },
              () -> expectSynced(sync.sync()));
      Stopwatch.Result reloadPolicy =
          Stopwatch.time(
              "reload after one policy file changed (one policy's rule is new text)",
              15,
              () -> {
                variant[0]++;
                Files.writeString(
                    dir.resolve("policies/policies-3.yaml"),
                    BenchConfigs.policyFile(3, policies, variant[0]));
                return commit(git, "change one policy file " + variant[0]);
              },
              () -> expectSynced(sync.sync()));
      Stopwatch.Result same =
          Stopwatch.time(
              "same SHA again (ConfigSync.sync, nothing changed)",
              50,
              () -> {
                return expectSynced(sync.sync());
              });
      System.out.println("| benchmark | first (ms) | median (ms) | best (ms) | rounds | goal |");
      System.out.println("|---|---|---|---|---|---|");
      System.out.println(cold.line(coldGoal));
      System.out.println(reload.line("≤ 100 ms"));
      System.out.println(reloadPolicy.line("≤ 100 ms"));
      System.out.println(same.line("≤ 20 ms"));
      source.close();
    }
  }

  // Outside the timed part of a reload: making the commit is the bench's work, not the sync's.
  static Object commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit()
        .setMessage(message)
        .setAuthor("bench", "bench@example.com")
        .setSign(false)
        .call();
  }

  private static Object expectLoaded(LoadResult result) {
    if (result instanceof LoadResult.Failed failed) {
      throw new IllegalStateException("benchmark config is invalid: " + failed.errors());
    }
    return result;
  }

  private static SyncStatus expectSynced(SyncStatus status) {
    if (status.state() != SyncState.SYNCED) {
      throw new IllegalStateException("expected Synced, got " + status);
    }
    return status;
  }
}
