package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.testing.RequiredTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} of a job that {@code needs} others reproduces the pipeline: the jobs above it run
 * first on the same head, and it finds their artifacts under {@code $CI_ARTIFACTS/<job>/}, digests
 * verified and modes kept, as in the service. Real bash, real Git, the shipped examples.
 */
class RunPipelineTest {
  static final String CONFIG =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/app
      forge: local
      defaultBranch: main
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: tool
      repos: [demo/app]
      run: |
        mkdir -p bin && printf '#!/bin/sh\\necho "greet from $(cat app.txt)"\\n' > bin/greet.sh
        chmod 755 bin/greet.sh && echo notes > bin/notes.txt
      artifacts: {paths: ["bin/*"]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: use
      repos: [demo/app]
      needs: [tool]
      run: |
        test -x "$CI_ARTIFACTS/tool/bin/greet.sh" && test ! -x "$CI_ARTIFACTS/tool/bin/notes.txt"
        "$CI_ARTIFACTS/tool/bin/greet.sh"
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: broken
      repos: [demo/app]
      run: exit 4
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: after-broken
      repos: [demo/app]
      needs: [broken]
      run: echo never
      """;

  @TempDir Path tmp;
  GitRepo git;

  @AfterEach
  void close() {
    if (git != null) {
      git.close();
    }
  }

  @Test
  void theUpstreamRunsFirstAndItsExecutableScriptRunsBelow() throws Exception {
    Path config = app();

    CliRun run = run(config, "use", "--name", "demo/app");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.OK);
    assertThat(run.outLines())
        .contains("== pipeline: tool -> use (the jobs use needs run first, on the same head)")
        .contains("greet from the app")
        .contains("== tool success", "== use success");
    assertThat(run.out())
        .containsPattern(
            "== tool collected bin/greet.sh \\(0755, \\d+ bytes, sha256:[0-9a-f]{64}\\)")
        .containsPattern(
            "== use receives \\$CI_ARTIFACTS/tool/bin/greet.sh \\(sha256:[0-9a-f]{64}, verified\\)");
    assertThat(run.out().indexOf("== tool success")).isLessThan(run.out().indexOf("greet from"));
  }

  @Test
  void aFailedUpstreamSkipsTheJobSayingWhy() throws Exception {
    Path config = app();

    CliRun run = run(config, "after-broken", "--name", "demo/app");

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.outLines())
        .contains("== after-broken skipped: broken, which it needs, failed")
        .doesNotContain("never");
  }

  @Test
  void theExamplesCBuildRunsAfterCTestAndReceivesItsReport() throws Exception {
    RequiredTools.require("make", "Debian package make: the hello-c recipes run it");
    RequiredTools.require("cc", "Debian package gcc: the hello-c recipes compile with it");
    Path demo = Folders.copy(Path.of("examples", "hello-c"), tmp.resolve("hello-c"));
    git = GitRepo.init(demo);
    git.commit("hello-c");

    CliRun run = run(Path.of("examples", "ci-repo"), "c-build", "--name", "demo/hello-c");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.OK);
    assertThat(run.outLines())
        .contains(
            "== pipeline: c-test -> c-build (the jobs c-build needs run first, on the same head)")
        .contains("== c-test success", "== c-build success");
    assertThat(run.out())
        .containsPattern("== c-test collected out/junit.xml \\(0644, ")
        .containsPattern("== c-build receives \\$CI_ARTIFACTS/c-test/out/junit.xml \\(sha256:")
        .containsPattern("== c-build collected bin/hello \\(0755, ");
    assertThat(run.out().indexOf("== c-test success"))
        .isLessThan(run.out().indexOf("== c-build on demo/hello-c"));
  }

  /** The repository demo/app and the config above; returns the config's folder. */
  private Path app() throws Exception {
    git = GitRepo.init(tmp.resolve("app"));
    git.write("app.txt", "the app\n").commit("root");
    Path config = Files.createDirectories(tmp.resolve("ci"));
    Files.writeString(config.resolve("ci.yaml"), CONFIG);
    return config;
  }

  private CliRun run(Path config, String job, String... more) {
    String[] args = new String[more.length + 6];
    args[0] = "run";
    args[1] = job;
    System.arraycopy(more, 0, args, 2, more.length);
    args[more.length + 2] = "--repo";
    args[more.length + 3] = git.dir().toString();
    args[more.length + 4] = "--config";
    args[more.length + 5] = config.toString();
    return CliRun.of(args);
  }
}
