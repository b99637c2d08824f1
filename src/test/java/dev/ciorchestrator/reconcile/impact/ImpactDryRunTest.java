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
