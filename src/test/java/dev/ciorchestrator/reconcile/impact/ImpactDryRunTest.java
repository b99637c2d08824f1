package dev.ciorchestrator.reconcile.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.diff.Configs;
import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.reconcile.impact.Impact.DueShift;
import dev.ciorchestrator.reconcile.impact.Impact.GateFlip;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run of the planner under the running and the changed config, compared. */
class ImpactDryRunTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final String OTHER =
      """
      apiVersion: ci-orchestrator/v1
      kind: Repository
      name: demo/other
      forge: local
      trust: {users: [alice]}
      ---
      apiVersion: ci-orchestrator/v1
      kind: Job
      name: other
      repos: [demo/other]
      run: make
      """;

  @TempDir Path dir;

  private final List<ChangeState> changes =
      List.of(
          change("demo/app", 1, List.of("bob", "carol"), "main.go"),
          change("demo/app", 2, List.of("bob"), "docs/x.md"),
          change("demo/other", 3, List.of(), "x.c"));
  private final List<RunRecord> runs =
      List.of(
          run(RunKey.forChange("demo/app", 1, head(1), "test", 1)),
          run(RunKey.forChange("demo/other", 3, head(3), "other", 1)));

  private ConfigSnapshot config(String name, String gateRule, String extraJob) throws Exception {
    String gate = Configs.GATE.replace("size(change.approvals) >= 2", gateRule);
    return Configs.load(
        dir.resolve(name),
        "app.yaml",
        Configs.REPO + "---\n" + Configs.JOB + "---\n" + gate + extraJob,
        "other.yaml",
        OTHER);
  }

  @Test
  void aWeakerGateOpensTheGateOfTheChangeItNoLongerBlocks() throws Exception {
    ConfigSnapshot before = config("before", "size(change.approvals) >= 2", "");
    ConfigSnapshot after = config("after", "size(change.approvals) >= 1", "");

    Impact impact = ImpactDryRun.compare(before, after, changes, runs, NOW);

    assertThat(impact.changes()).isEqualTo(3);
    assertThat(impact.planned()).as("the gate applies to every repository").isEqualTo(3);
    assertThat(impact.flips())
        .containsExactly(
            new GateFlip(
                "demo/app",
                2,
                true,
                "two-approvals: needs 2 approvals",
                "passed: required-jobs, two-approvals"));
    assertThat(impact.opensAGate()).isTrue();
    assertThat(impact.dues()).isEmpty();
  }

  @Test
  void aNewRequiredJobIsDueAndBlocksAGateThatPassed() throws Exception {
    ConfigSnapshot before = config("before", "size(change.approvals) >= 2", "");
    String lint =
        "---\n"
            + Configs.JOB
                .replace("name: test", "name: lint")
                .replace("paths: [\"**/*.go\"]", "paths: []");
    ConfigSnapshot after = config("after", "size(change.approvals) >= 2", lint);

    Impact impact = ImpactDryRun.compare(before, after, changes, runs, NOW);

    assertThat(impact.planned()).as("lint is for demo/app: demo/other cannot differ").isEqualTo(2);
    assertThat(impact.dues())
        .containsExactly(
            new DueShift("demo/app", 1, List.of("lint"), List.of()),
            new DueShift("demo/app", 2, List.of("lint"), List.of()));
    assertThat(impact.flips())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.change()).isEqualTo(1);
              assertThat(f.opens()).isFalse();
              assertThat(f.after()).isEqualTo("required-jobs: lint is missing");
            });
  }

  @Test
  void movingDocumentsBetweenFilesPlansNothing() throws Exception {
    ConfigSnapshot before = config("before", "size(change.approvals) >= 2", "");
    ConfigSnapshot after =
        Configs.load(
            dir.resolve("moved"),
            "a.yaml",
            OTHER + "---\n" + Configs.GATE,
            "b.yaml",
            Configs.JOB + "---\n" + Configs.REPO);
    Impact impact = ImpactDryRun.compare(before, after, changes, runs, NOW);
    assertThat(impact).isEqualTo(new Impact(3, 0, List.of(), List.of()));
  }

  @Test
  void aChangeToWhatOnlyTheRunReadsPlansNothing() throws Exception {
    ConfigSnapshot before = config("before", "size(change.approvals) >= 2", "");
    String app =
        Configs.REPO
            + "---\n"
            + Configs.JOB
                .replace("run: go test ./...", "run: go test -race ./...\nenv: {GOFLAGS: -mod=mod}")
                .replace("timeout: 20m", "timeout: 30m")
            + "---\n"
            + Configs.GATE;
    ConfigSnapshot after =
        Configs.load(dir.resolve("script"), "app.yaml", app, "other.yaml", OTHER);
    assertThat(ImpactDryRun.compare(before, after, changes, runs, NOW))
        .isEqualTo(new Impact(3, 0, List.of(), List.of()));
  }

  @Test
  void aChangeToARequiredFlagIsPlannedThoughTheScriptChangesToo() throws Exception {
    ConfigSnapshot before = config("before", "size(change.approvals) >= 2", "");
    String app =
        Configs.REPO
            + "---\n"
            + Configs.JOB.replace("run: go test ./...", "run: go vet ./...\nrequired: false")
            + "---\n"
            + Configs.GATE;
    ConfigSnapshot after = Configs.load(dir.resolve("flag"), "app.yaml", app, "other.yaml", OTHER);
    Impact impact = ImpactDryRun.compare(before, after, changes, runs, NOW);
    assertThat(impact.planned()).isEqualTo(2);
  }

  @Test
  void reviewsAgainstTheSameRunningConfigShareItsPlans() throws Exception {
    ConfigSnapshot before = config("before", "size(change.approvals) >= 2", "");
    PlanMemo memo = new PlanMemo(before, HeadRuns.index(changes, runs), NOW);
    ImpactDryRun.compare(memo, config("one", "size(change.approvals) >= 1", ""), changes);
    List<dev.ciorchestrator.reconcile.ChangePlan> first = memo.plans(changes);
    Impact again =
        ImpactDryRun.compare(memo, config("two", "size(change.approvals) >= 1", ""), changes);
    assertThat(again.flips()).hasSize(1);
    List<dev.ciorchestrator.reconcile.ChangePlan> second = memo.plans(changes);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).as("planned once").isSameAs(first.get(i));
    }
  }

  @Test
  void theDryRunSeesOnlyEachChangesRunsAtItsHead() {
    RunRecord older = run(RunKey.forChange("demo/app", 1, "f".repeat(40), "test", 1));
    RunRecord closed = run(RunKey.forChange("demo/app", 9, head(9), "test", 1));
    RunRecord push = run(RunKey.forPush("demo/app", "refs/heads/main", head(1), "test"));
    HeadRuns index =
        HeadRuns.index(changes, List.of(runs.get(0), older, closed, push, runs.get(1)));
    assertThat(index.of(changes)).containsExactly(runs.get(0), runs.get(1));
    assertThat(index.of(changes.subList(1, 2))).isEmpty();
  }

  private static String head(long n) {
    return String.format("%040d", n);
  }

  private static ChangeState change(String repo, long n, List<String> approvals, String file) {
    return new ChangeState(
        new Change(
            repo,
            n,
            "Change " + n,
            "alice",
            false,
            List.of(),
            approvals,
            "main",
            "b".repeat(40),
            "topic-" + n,
            head(n),
            List.of(file),
            true,
            NOW.minusSeconds(600),
            NOW),
        false,
        List.of());
  }

  private static RunRecord run(RunKey key) {
    return new RunRecord(
        key,
        RunState.SUCCESS,
        Trigger.PULL_REQUEST,
        "alice",
        "",
        "b".repeat(40),
        "rev",
        NOW,
        NOW,
        NOW,
        "");
  }
}
