package dev.ciorchestrator.config.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.cli.Folders;
import dev.ciorchestrator.config.model.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shipped recipe for real: the job a config with {@code uses:} expands to, its script under
 * bash with the flags and the clean environment of the process executor, in a copy of a demo.
 */
record RecipeRun(int exit, String output) {
  /** A hang guard only: the slowest recipe (go test -race, cold) takes well under a minute. */
  private static final long GUARD_MINUTES = 10;

  /** The job {@code uses: <recipe>} with {@code with: <withYaml>} expands to. */
  static Job job(String recipe, String withYaml) {
    String job =
        """
        apiVersion: ci-orchestrator/v1
        kind: Job
        name: recipe-under-test
        repos: [demo/app]
        uses: RECIPE
        with: WITH
        """
            .replace("RECIPE", recipe)
            .replace("WITH", withYaml);
    Job expanded = RecipeConfigs.snapshot("job.yaml", job).job("recipe-under-test").orElseThrow();
    assertThat(expanded.recipe()).isEqualTo(recipe);
    return expanded;
  }

  static RecipeRun run(String recipe, String withYaml, Path dir, Map<String, String> env) {
    return run(job(recipe, withYaml), dir, env);
  }

  static RecipeRun run(Job job, Path dir, Map<String, String> extraEnv) {
    try {
      Path script = Files.createTempFile("recipe", ".sh");
      Files.writeString(script, job.run());
      Path log = Files.createTempFile("recipe", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash", "--noprofile", "--norc", "-e", "-o", "pipefail", script.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.clear();
      env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      env.put("HOME", dir.resolve(".home").toString());
      env.put("CI", "true");
      env.putAll(job.env());
      env.putAll(extraEnv);
      Process p = pb.start();
      if (!p.waitFor(GUARD_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("recipe " + job.recipe() + " still running after the guard");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(script);
      Files.delete(log);
      return new RecipeRun(p.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A copy of {@code examples/<demo>} in {@code tmp}. */
  static Path demo(String demo, Path tmp) {
    try {
      return Folders.copy(Path.of("examples", demo), tmp.resolve(demo));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  String describe() {
    return "exit " + exit + ", output:\n" + output;
  }
}
