package dev.ciorchestrator.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.executor.RunSpec;
import dev.ciorchestrator.executor.local.Jobs;
import dev.ciorchestrator.executor.process.Outcomes.Verdict;
import dev.ciorchestrator.executor.process.ProcessOutcome.Reason;
import dev.ciorchestrator.executor.workspace.Workspace;
import dev.ciorchestrator.executor.workspace.WorkspaceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts shared by the executor and the CLI: what is checked out, env, verdicts. */
class RunPreparationTest {
  static final String SHA = "a".repeat(40);
  static final Path REPO = Path.of("repo");
  static final Path TARGET = Path.of("ws");

  @TempDir Path tmp;

  @Test
  void aChangeMergesItsHeadOntoTheTargetBranch() {
    RunKey key = RunKey.forChange("demo/app", 7, SHA, "unit", 1);
    WorkspaceSpec ws =
        RunPreparation.workspaceSpec(
            key, new RunSpec(Jobs.job("unit", "true"), REPO, "main", SHA), TARGET);
    assertThat(ws).isEqualTo(new WorkspaceSpec(REPO, "main", SHA, TARGET));
  }

  @Test
  void aPushRunTestsThePushedShaExactly() {
    RunKey key = RunKey.forPush("demo/app", "main", SHA, "unit");
    WorkspaceSpec ws =
        RunPreparation.workspaceSpec(
            key, new RunSpec(Jobs.job("unit", "true"), REPO, "main", null), TARGET);
    assertThat(ws).isEqualTo(new WorkspaceSpec(REPO, SHA, null, TARGET));
  }

  @Test
  void aScheduledRunTestsTheBranchTip() {
    RunKey key = RunKey.forSchedule("demo/app", "nightly", Instant.EPOCH);
    WorkspaceSpec ws =
        RunPreparation.workspaceSpec(
            key, new RunSpec(Jobs.job("nightly", "true"), REPO, "main", null), TARGET);
    assertThat(ws).isEqualTo(new WorkspaceSpec(REPO, "main", null, TARGET));
  }

  @Test
  void jobEnvNeverOverridesTheRunVariables() {
    RunKey key = RunKey.forChange("demo/app", 7, SHA, "unit", 1);
    RunRecord run =
        new RunRecord(
            key,
            RunState.RUNNING,
            Trigger.PULL_REQUEST,
            "",
            "",
            "b".repeat(40),
            "cfg",
            Instant.EPOCH,
            null,
            null,
            "");
    var job =
        Jobs.job(
            "unit", "make", 0, Duration.ofMinutes(3), Map.of("CI", "no", "GOFLAGS", "-mod=mod"));
    Workspace ws = new Workspace(TARGET, "b".repeat(40), SHA, "c".repeat(40));

    ProcessSpec spec =
        RunPreparation.processSpec(run, new RunSpec(job, REPO, "main", SHA), ws, Path.of("x.log"));

    assertThat(spec.env())
        .containsEntry("CI", "true")
        .containsEntry("GOFLAGS", "-mod=mod")
        .containsEntry("BASE_SHA", "b".repeat(40))
        .containsEntry("RUN_ID", run.id());
    assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(spec.script()).isEqualTo("make");
    assertThat(spec.workspace()).isEqualTo(TARGET);
  }

  @Test
  void exit127NamesTheLastMissingCommandOfTheLog() throws Exception {
    Path log = tmp.resolve("run.log");
    Files.writeString(log, "building\n/tmp/x/run.log.sh: line 2: go: command not found\n");

    Verdict verdict =
        RunPreparation.verdict(new ProcessOutcome(127, Reason.EXITED, Duration.ZERO, ""), log);

    assertThat(verdict)
        .isEqualTo(new Verdict(RunState.FAILURE, "exit code 127: go: command not found"));
  }

  @Test
  void exit127WithoutALogLineKeepsTheExitCode() {
    Verdict verdict =
        RunPreparation.verdict(
            new ProcessOutcome(127, Reason.EXITED, Duration.ZERO, ""), tmp.resolve("none.log"));

    assertThat(verdict).isEqualTo(new Verdict(RunState.FAILURE, "exit code 127"));
  }

  @Test
  void conflictMessageNamesHeadBaseAndPaths() {
    assertThat(RunPreparation.conflict(SHA, "main", List.of("README.md", "go.mod")))
        .isEqualTo("head aaaaaaa does not merge cleanly into main: conflict in README.md, go.mod");
  }
}
