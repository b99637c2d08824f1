package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.artifact.Artifacts;
import dev.ciorchestrator.artifact.FileModes;
import dev.ciorchestrator.artifact.Manifest;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.TestRuns;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.run.RunStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run <job> --artifacts-from <service>} against the service's real runs and artifacts API:
 * the jobs above are not run here, their artifacts come from the service's successful runs on the
 * same head, verified as locally; every way it cannot is a usage error (exit 2) saying why.
 */
@QuarkusTest
class RunArtifactsFromTest {
  @Inject RunStore runs;
  @Inject Artifacts artifacts;

  @TestHTTPResource("/")
  URL service;

  @TempDir Path tmp;
  GitRepo git;
  String sha;

  @BeforeEach
  void app() throws Exception {
    git = GitRepo.init(tmp.resolve("app"));
    // a SHA of its own: the service's store outlives each test
    sha = git.write("app.txt", "the app\n").write("unique.txt", tmp.toString()).commit("root");
    Files.writeString(
        Files.createDirectories(tmp.resolve("ci")).resolve("ci.yaml"), RunPipelineTest.CONFIG);
  }

  @AfterEach
  void close() {
    git.close();
  }

  /** A run of {@code job} on the test's commit that the service recorded, in {@code state}. */
  RunRecord recorded(String job, RunState state) throws Exception {
    RunRecord run =
        TestRuns.pending(RunKey.forPush("demo/app", "refs/heads/main", sha, job), Instant.now());
    runs.create(run);
    RunRecord running = run.withState(RunState.RUNNING, Instant.now(), "");
    runs.update(running);
    RunRecord done = running.withState(state, Instant.now(), "");
    runs.update(done);
    return done;
  }

  /** The service's run of {@code tool}, with what its job collects: an executable and notes. */
  Manifest toolRan() throws Exception {
    RunRecord tool = recorded("tool", RunState.SUCCESS);
    Path ws = Files.createDirectories(tmp.resolve("tool-ws/bin"));
    // content of its own too: the store keeps one blob per content, and a test tampers with it
    Files.writeString(
        ws.resolve("greet.sh"), "#!/bin/sh\n# " + tmp + "\necho \"greet from $(cat app.txt)\"\n");
    FileModes.set(ws.resolve("greet.sh"), 0755);
    Files.writeString(ws.resolve("notes.txt"), "notes\n");
    return artifacts.store().collect(tool.id(), ws.getParent(), List.of("bin/*"));
  }

  CliRun run(String job, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                job,
                "--name",
                "demo/app",
                "--repo",
                git.dir().toString(),
                "--config",
                tmp.resolve("ci").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  String url() {
    String url = service.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Test
  void theJobRunsAloneWithTheServicesUpstreamArtifactsVerifiedAndExecutable() throws Exception {
    toolRan();

    CliRun run = run("use", "--artifacts-from", url());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.OK);
    assertThat(run.outLines())
        .contains("== use takes the artifacts of tool from their runs on the same head at " + url())
        .contains("greet from the app", "== use success")
        .noneMatch(l -> l.startsWith("== pipeline:") || l.startsWith("== tool "));
    assertThat(run.out())
        .containsPattern(
            "== use receives \\$CI_ARTIFACTS/tool/bin/greet.sh \\(sha256:[0-9a-f]{64}, verified\\)");
  }

  @Test
  void withoutASuccessfulUpstreamRunItSaysWhichRunsExist() throws Exception {
    RunRecord failed = recorded("broken", RunState.FAILURE);

    CliRun run = run("after-broken", "--artifacts-from", url());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.USAGE);
    assertThat(run.err())
        .contains("demo/app has no successful run of broken on " + sha + " at " + url())
        .contains(
            "its newest runs of broken: " + failed.id() + " (failure on " + sha.substring(0, 7))
        .doesNotContain("never");
  }

  @Test
  void aTamperedBlobIsRefusedNamingTheFileAndBothDigests() throws Exception {
    Manifest m = toolRan();
    Manifest.Entry greet = m.files().get(0);
    byte[] evil = Files.readAllBytes(artifacts.store().file(greet));
    evil[evil.length - 2] = 'X';
    Files.write(artifacts.store().file(greet), evil);

    CliRun run = run("use", "--artifacts-from", url());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.USAGE);
    assertThat(run.err())
        .contains(".ci-artifacts/tool/bin/greet.sh (run " + m.runId() + ") does not match")
        .contains("expected " + greet.digest())
        .containsPattern("got sha256:[0-9a-f]{64}");
    assertThat(run.out()).doesNotContain("greet from");
  }

  @Test
  void anUpstreamWhoseJobCollectsButWhoseManifestTheServiceLacksFailsTheRun() throws Exception {
    RunRecord tool = recorded("tool", RunState.SUCCESS); // succeeded; nothing in this store

    CliRun run = run("use", "--artifacts-from", url());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.USAGE);
    assertThat(run.err())
        .contains("tool declares artifacts, but " + url() + " has none of its run " + tool.id());
    assertThat(run.out()).doesNotContain("greet from");
  }

  @Test
  void anUnreachableServiceIsNamed() {
    CliRun run = run("use", "--artifacts-from", "http://127.0.0.1:1");

    assertThat(run.exit()).isEqualTo(Cli.USAGE);
    assertThat(run.err()).contains("cannot reach http://127.0.0.1:1");
  }

  @Test
  void theTokenIsSentAndAWrongOneRefused() throws Exception {
    toolRan();

    CliRun run = run("use", "--artifacts-from", url(), "--token", "not-a-token");

    assertThat(run.exit()).isEqualTo(Cli.USAGE);
    assertThat(run.err()).contains("HTTP 401");
  }
}
