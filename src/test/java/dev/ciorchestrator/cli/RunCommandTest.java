package dev.ciorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.container.Podman;
import dev.ciorchestrator.executor.local.GitRepo;
import dev.ciorchestrator.forge.local.LocalForgeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} in-process on real repositories and real bash, with a config folder of its own. */
class RunCommandTest {
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
      name: show
      repos: [demo/app]
      run: |
        cat *.txt
        echo "REPO=$REPO CHANGE=$CHANGE BASE_REF=$BASE_REF HEAD_SHA=$HEAD_SHA CI=$CI FLAG=$FLAG"
      env: {FLAG: "yes"}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: fail
      repos: [demo/app]
      run: exit 3
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: tool
      repos: ["demo/*"]
      run: no-such-tool-xyz build
      ---
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/other
      forge: local
      defaultBranch: main
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: other-only
      repos: [demo/other]
      run: echo other
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: boxed
      repos: [demo/app]
      executor: container
      image: IMAGE
      run: |
        test -f /ci-orchestrator/run.sh && echo "in a container: REPO=$REPO"
      """
          .replace("IMAGE", Podman.IMAGE);

  @TempDir Path tmp;
  GitRepo git;
  String head;
  String base;
  Path config;

  @BeforeEach
  void setUp() throws Exception {
    git = GitRepo.init(tmp.resolve("app"));
    git.write("README.md", "hello\n").commit("root");
    git.checkout("feature", true);
    head = git.write("feature.txt", "feature\n").commit("feature");
    git.checkout("main", false);
    base = git.write("main.txt", "main\n").commit("main moves on");
    config = Files.createDirectories(tmp.resolve("ci"));
    Files.writeString(config.resolve("ci.yaml"), CONFIG);
  }

  @AfterEach
  void close() {
    git.close();
  }

  CliRun run(String... more) {
    String[] args = new String[more.length + 5];
    args[0] = "run";
    System.arraycopy(more, 0, args, 1, more.length);
    args[more.length + 1] = "--repo";
    args[more.length + 2] = git.dir().toString();
    args[more.length + 3] = "--config";
    args[more.length + 4] = config.toString();
    return CliRun.of(args);
  }

  @Test
  void aRefRunsAsAPushRunWithTheRunEnvironment() {
    CliRun run = run("show", "--ref", "main");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            "== show on demo/app main at " + base.substring(0, 7),
            "main",
            "REPO=demo/app CHANGE= BASE_REF=main HEAD_SHA=" + base + " CI=true FLAG=yes",
            "== show success");
  }

  @Test
  void withoutChangeOrRefTheCheckedOutBranchIsTested() throws Exception {
    git.checkout("feature", false);

    CliRun run = run("show");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("feature\n", "BASE_REF=feature HEAD_SHA=" + head);
  }

  @Test
  void aChangeOfTheLocalForgeIsMergedOntoItsTarget() throws Exception {
    Path state = tmp.resolve("forge/state.json");
    new LocalForgeStore(state)
        .open("demo/app", "Add feature", "alice", "feature", "main", false, head, Instant.now());
    String before = Files.readString(state);

    CliRun run = run("show", "--change", "1", "--forge-state", state.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            "== show on demo/app change 1 (head "
                + head.substring(0, 7)
                + " merged into main at "
                + base.substring(0, 7)
                + ")",
            "feature",
            "main",
            "REPO=demo/app CHANGE=1 BASE_REF=main HEAD_SHA=" + head + " CI=true FLAG=yes",
            "== show success");
    assertThat(Files.readString(state)).as("the forge is only read").isEqualTo(before);
  }

  @Test
  void anUnknownChangeOrMissingForgeSaysSo() {
    CliRun missing =
        run("show", "--change", "4", "--forge-state", tmp.resolve("no.json").toString());

    assertThat(missing.exit()).isEqualTo(Cli.FAILED);
    assertThat(missing.err()).startsWith("error: no local forge state at ");
    assertThat(tmp.resolve("no.json")).doesNotExist();
  }

  @Test
  void aMergeConflictIsAnError() throws Exception {
    git.checkout("feature", false);
    String conflicting = git.write("main.txt", "theirs\n").commit("theirs");
    Path state = tmp.resolve("forge/state.json");
    new LocalForgeStore(state)
        .open("demo/app", "Clash", "bob", "feature", "main", false, conflicting, Instant.now());

    CliRun run = run("show", "--change", "1", "--forge-state", state.toString());

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    String why =
        "head "
            + conflicting.substring(0, 7)
            + " does not merge cleanly into main: conflict in main.txt";
    assertThat(run.outLines()).containsExactly("== show error: " + why);
  }

  @Test
  void aFailingJobExitsWithOneAndSaysWhy() {
    CliRun run = run("fail", "--ref", "main");

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.outLines()).last().isEqualTo("== fail failure: exit code 3");
  }

  @Test
  void aMissingToolIsNamed() {
    CliRun run = run("tool", "--ref", "main");

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.out()).contains("no-such-tool-xyz: command not found");
    assertThat(run.outLines())
        .last()
        .isEqualTo("== tool failure: exit code 127: no-such-tool-xyz: command not found");
    assertThat(run.outLines().get(0))
        .as("the job names a glob: REPO is the configured repository named like the folder")
        .startsWith("== tool on demo/app main");
  }

  @Test
  void anUnknownJobListsTheKnownOnes() {
    CliRun run = run("deploy", "--ref", "main");

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err())
        .isEqualTo(
            "error: unknown job 'deploy'; known jobs: boxed, fail, other-only, show, tool\n");
  }

  @Test
  void aJobRunsOnlyOnARepositoryItAppliesTo() {
    CliRun run = run("other-only", "--ref", "main");

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: job 'other-only' does not run on demo/app (its repos: demo/other); "
                + "jobs for demo/app: boxed, fail, show, tool\n");
  }

  @Test
  void aRepositoryOfTheLocalForgeIsKnownByItsPathNotByTheJob() throws Exception {
    // as in the walk-through: .ci-orchestrator/repos/<owner>/<name>.git
    Path bare = tmp.resolve("repos/demo/other.git");
    Git.cloneRepository()
        .setURI(git.dir().toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();

    CliRun wrong =
        CliRun.of("run", "show", "--repo", bare.toString(), "--config", config.toString());
    CliRun right =
        CliRun.of("run", "other-only", "--repo", bare.toString(), "--config", config.toString());

    assertThat(wrong.exit()).isEqualTo(Cli.FAILED);
    assertThat(wrong.err())
        .startsWith("error: job 'show' does not run on demo/other (its repos: demo/app); ")
        .endsWith("jobs for demo/other: other-only, tool\n");
    assertThat(right.exit()).as(right.err()).isZero();
    assertThat(right.outLines()).first().asString().startsWith("== other-only on demo/other main");
  }

  @Test
  void nameSaysWhichRepositoryAFolderIs() {
    CliRun run = run("other-only", "--ref", "main", "--name", "demo/other");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines()).contains("other");
  }

  @Test
  void aContainerJobIsReproducedInItsImage() throws Exception {
    Podman podman = Podman.require();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ci.executor.container.runtime", "runc");
    settings.put("ci.executor.container.network", "none");
    settings.put("ci.executor.container.pull", "never");
    podman
        .engine()
        .env()
        .forEach((k, v) -> settings.put("ci.executor.container.engine-env." + k, v));
    settings.forEach(System::setProperty);
    try {
      CliRun run = run("boxed", "--ref", "main");

      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      assertThat(run.outLines())
          .containsExactly(
              "== boxed on demo/app main at "
                  + base.substring(0, 7)
                  + " in a container of "
                  + Podman.IMAGE,
              "in a container: REPO=demo/app",
              "== boxed success");
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void anUnknownRefIsNamed() {
    CliRun run = run("show", "--ref", "nope");

    assertThat(run.exit()).isEqualTo(Cli.FAILED);
    assertThat(run.err()).startsWith("error: 'nope' is not a branch or commit of ");
  }

  @Test
  void usageErrors() {
    assertThat(CliRun.of("run", "show").err()).startsWith("ci-orchestrator: run needs --repo");
    assertThat(CliRun.of("run", "show").exit()).isEqualTo(Cli.USAGE);
    assertThat(run("show", "--change", "1", "--ref", "main").exit()).isEqualTo(Cli.USAGE);
    assertThat(run("show", "--change", "x").exit()).isEqualTo(Cli.USAGE);
    assertThat(run("--repo").exit()).isEqualTo(Cli.USAGE);
    assertThat(CliRun.of("run", "--repo", ".").err())
        .startsWith("ci-orchestrator: run needs a job name");
    assertThat(CliRun.of("run", "show", "--repo", ".", "--artifacts-from", "localhost:8080").err())
        .startsWith(
            "ci-orchestrator: run: --artifacts-from needs the service's URL (http://host:port),"
                + " got 'localhost:8080'");
    CliRun tokenAlone = CliRun.of("run", "show", "--repo", ".", "--token", "t");
    assertThat(tokenAlone.exit()).isEqualTo(Cli.USAGE);
    assertThat(tokenAlone.err())
        .contains("--token is sent to --artifacts-from, which is not given");
  }
}
