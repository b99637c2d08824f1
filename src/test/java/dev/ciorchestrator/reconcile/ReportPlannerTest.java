package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.CommitStatus.State;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.domain.Names;
import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.domain.Trigger;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every forge write a report needs is an action with its reason, and only what differs. */
class ReportPlannerTest {
  private static final String HEAD = "1234567890abcdef1234567890abcdef12345678";
  private static final String BASE = "b".repeat(40);
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
  private static final Change CHANGE =
      new Change(
          "demo/app",
          7,
          "Greet",
          "alice",
          false,
          List.of(),
          List.of(),
          "main",
          BASE,
          "topic",
          HEAD,
          List.of("main.go"),
          true,
          T,
          T);
  private static final CommitStatus GATE_OK =
      new CommitStatus(Names.GATE_CONTEXT, State.SUCCESS, "passed", "");
  private static final CommitStatus GATE_WAIT =
      new CommitStatus(Names.GATE_CONTEXT, State.PENDING, "blocked: needs 1 approval", "");
  private static final CommitStatus TEST_OK =
      new CommitStatus("ci/go-test", State.SUCCESS, "passed", "http://ci/runs/r1");
  private static final Action.Merge MERGE =
      new Action.Merge("demo/app", 7, HEAD, MergeMethod.MERGE, "gate passed, merge.auto");
  private static final ChangeReport REPORT = new ChangeReport(jobThenGate(), "summary v2");

  /** What the forge shows and what the controller remembers, and what must be written. */
  record Row(
      String name,
      boolean trusted,
      boolean merge,
      Map<String, CommitStatus> onCommit,
      List<String> labels,
      String summary,
      Map<String, CommitStatus> written,
      Map<String, Boolean> extraLabels,
      boolean mergeTried,
      List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    Map<String, CommitStatus> shown = Map.of("ci/go-test", TEST_OK, Names.GATE_CONTEXT, GATE_OK);
    return Stream.of(
        new Row(
            "in line: nothing",
            true,
            false,
            shown,
            List.of(),
            "summary v2",
            Map.of(),
            Map.of(),
            false,
            List.of()),
        new Row(
            "new change: every status and the summary",
            true,
            false,
            Map.of(),
            List.of(),
            "",
            Map.of(),
            Map.of(),
            false,
            List.of("status ci/go-test success", "status ci/gate success", "summary")),
        new Row(
            "gate flipped: only the gate",
            true,
            false,
            Map.of("ci/go-test", TEST_OK, Names.GATE_CONTEXT, GATE_WAIT),
            List.of(),
            "summary v2",
            Map.of(),
            Map.of(),
            false,
            List.of("status ci/gate success")),
        new Row(
            "written already by us (shared head): nothing",
            true,
            false,
            Map.of("ci/go-test", TEST_OK, Names.GATE_CONTEXT, GATE_WAIT),
            List.of(),
            "summary v2",
            Map.of(Names.GATE_CONTEXT, GATE_OK),
            Map.of(),
            false,
            List.of()),
        new Row(
            "trusted now: the ok-to-test label goes",
            true,
            false,
            shown,
            List.of(Names.NEEDS_OK_TO_TEST_LABEL),
            "summary v2",
            Map.of(),
            Map.of(),
            false,
            List.of("label " + Names.NEEDS_OK_TO_TEST_LABEL + " off")),
        new Row(
            "untrusted keeps its label",
            false,
            false,
            shown,
            List.of(Names.NEEDS_OK_TO_TEST_LABEL),
            "summary v2",
            Map.of(),
            Map.of(),
            false,
            List.of()),
        new Row(
            "extension labels where they differ",
            true,
            false,
            shown,
            List.of("queued"),
            "summary v2",
            Map.of(),
            Map.of("queued", false, "hold", false, "ready", true),
            false,
            List.of("label queued off", "label ready on")),
        new Row(
            "gate passed with merge.auto: merge after the report",
            true,
            true,
            Map.of(),
            List.of(),
            "summary v1",
            Map.of(),
            Map.of(),
            false,
            List.of("status ci/go-test success", "status ci/gate success", "summary", "merge")),
        new Row(
            "merge tried on this head and base: not again",
            true,
            true,
            shown,
            List.of(),
            "summary v2",
            Map.of(),
            Map.of(),
            true,
            List.of()));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void plansOnlyWhatDiffers(Row row) {
    ChangePlan plan = plan(row.trusted(), row.merge());
    ForgeChange fc = onForge(row.labels(), row.onCommit(), row.summary());
    ReportExtra extra = new ReportExtra(List.of(), List.of(), row.extraLabels());

    List<Action> actions =
        ReportPlanner.writes(plan, REPORT, fc, row.written(), extra, row.mergeTried());

    assertThat(actions.stream().map(ReportPlannerTest::describe))
        .containsExactlyElementsOf(row.expected());
    assertThat(actions).allSatisfy(a -> assertThat(a.reason()).isNotBlank());
  }

  @Test
  void aStatusSaysWhatTheCommitShowedBefore() {
    ForgeChange fc =
        onForge(
            List.of(), Map.of("ci/go-test", TEST_OK, Names.GATE_CONTEXT, GATE_WAIT), "summary v2");

    List<Action> actions =
        ReportPlanner.writes(plan(true, false), REPORT, fc, Map.of(), ReportExtra.NONE, false);

    assertThat(actions)
        .containsExactly(
            new Action.SetStatus(
                "demo/app", HEAD, GATE_OK, "the commit shows pending: blocked: needs 1 approval"));
  }

  @Test
  void aRefusedMergeIsRememberedAndGetsANoteKeyedByHeadAndBase() {
    ChangeReport after = new ChangeReport(Map.of(), "summary telling of it");

    List<Action> actions =
        ReportPlanner.afterMerge(
            plan(true, true), MERGE, MergeResult.refused("merge conflict"), after);

    assertThat(actions)
        .containsExactly(
            new Action.RememberRefusal(
                "demo/app",
                7,
                new MergeRefusal(HEAD, BASE, "merge conflict"),
                "the forge refused the merge: not tried again on this head and base"),
            new Action.Comment(
                "demo/app",
                7,
                "not-merged@" + HEAD + "@" + BASE,
                "Not merged: merge conflict",
                "the forge refused the merge"),
            new Action.UpsertSummary(
                "demo/app", 7, "summary telling of it", "the merge was tried"));
  }

  @Test
  void aDoneMergeOnlyUpdatesTheSummary() {
    List<Action> actions =
        ReportPlanner.afterMerge(
            plan(true, true),
            MERGE,
            MergeResult.merged("c".repeat(40), "merged"),
            new ChangeReport(Map.of(), "merged as ccccccc"));

    assertThat(actions.stream().map(ReportPlannerTest::describe)).containsExactly("summary");
  }

  @Test
  void pushRunsReportOnThePushedCommit() {
    RunRecord run =
        new RunRecord(
            RunKey.forPush("demo/app", "refs/heads/main", HEAD, "go-test"),
            RunState.FAILURE,
            Trigger.PUSH,
            "alice",
            "",
            "",
            "rev",
            T,
            T,
            T,
            "exit 1");

    List<Action> actions =
        ReportPlanner.branchStatuses(List.of(run), new RunLinks("http://ci.example"));

    assertThat(actions).hasSize(1);
    Action.SetStatus status = (Action.SetStatus) actions.get(0);
    assertThat(status.sha()).isEqualTo(HEAD);
    assertThat(status.status().state()).isEqualTo(State.FAILURE);
    assertThat(status.status().targetUrl()).isEqualTo("http://ci.example/runs/" + run.id());
    assertThat(status.reason()).isEqualTo("run " + run.id() + " is failure");
  }

  private static ChangePlan plan(boolean trusted, boolean merge) {
    Decision trust =
        trusted
            ? Decision.pass("trust", "author alice is trusted")
            : Decision.fail("trust", "author mallory is not trusted");
    List<Action> actions = new ArrayList<>();
    if (merge) {
      actions.add(MERGE);
    }
    return new ChangePlan(CHANGE, trust, List.of(), actions, GateDecision.of(List.of()));
  }

  private static ForgeChange onForge(
      List<String> labels, Map<String, CommitStatus> statuses, String summary) {
    return new ForgeChange(
        new ChangeState(CHANGE, false, List.of()), List.of(), List.of(), labels, statuses, summary);
  }

  private static Map<String, CommitStatus> jobThenGate() {
    Map<String, CommitStatus> statuses = new LinkedHashMap<>();
    statuses.put("ci/go-test", TEST_OK);
    statuses.put(Names.GATE_CONTEXT, GATE_OK);
    return statuses;
  }

  private static String describe(Action a) {
    if (a instanceof Action.SetStatus s) {
      return "status " + s.status().context() + " " + s.status().state().wire();
    }
    if (a instanceof Action.SetLabel l) {
      return "label " + l.label() + (l.present() ? " on" : " off");
    }
    if (a instanceof Action.UpsertSummary) {
      return "summary";
    }
    if (a instanceof Action.Merge) {
      return "merge";
    }
    return a.toString();
  }
}
