package dev.ciorchestrator.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.ciorchestrator.config.loading.ConfigLoader;
import dev.ciorchestrator.config.loading.GitConfigSource;
import dev.ciorchestrator.config.model.LoadResult;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/**
 * {@code ConfigBench}'s cold load (1,000 jobs, 200 policies, from a Git repository) once, in this
 * JVM, which has done nothing else: the first load of a fresh JVM, as the service's start and every
 * command pay it. {@code .ci/bench-cold} runs it in several fresh JVMs, since one JVM gives one
 * sample. Prints the wall time and the CPU time of the whole process (every thread: the JIT
 * compilers and the engine's build thread too) of that one load.
 *
 * <p>Argument: a folder to make the config repository in (default: a new temporary folder).
 */
public final class FirstLoadBench {
  private FirstLoadBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ci-bench-first");
    if (!Files.exists(dir.resolve(".git"))) {
      try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
        BenchConfigs.write(dir, 1000, 200);
        ConfigBench.commit(git, "large config");
      }
    }
    Path cache = Files.createTempDirectory("ci-bench-first-cache");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    LoadResult result;
    try (GitConfigSource source = new GitConfigSource(dir.toString(), "main", "", cache)) {
      String revision = source.resolve();
      result = new ConfigLoader(new CelPolicyEngine()).load(revision, source.read(revision));
    }
    double wallMs = (System.nanoTime() - start) / 1e6;
    double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
    if (!(result instanceof LoadResult.Loaded)) {
      throw new IllegalStateException("benchmark config is invalid: " + result);
    }
    System.out.printf("first load: %.0f ms wall, %.0f ms CPU%n", wallMs, cpuMs);
  }
}
