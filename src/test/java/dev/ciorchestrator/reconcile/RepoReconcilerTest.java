package dev.ciorchestrator.reconcile;

import static dev.ciorchestrator.reconcile.Fixture.HEAD;
import static dev.ciorchestrator.reconcile.Fixture.change;
import static dev.ciorchestrator.reconcile.Fixture.config;
import static dev.ciorchestrator.reconcile.Fixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.config.model.ConfigSnapshot;
import dev.ciorchestrator.config.model.MergeMethod;
import dev.ciorchestrator.config.model.Repository;
import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.forge.ForgeChange;
import dev.ciorchestrator.forge.MergeResult;
import dev.ciorchestrator.report.RunLinks;
import dev.ciorchestrator.run.ControllerMemory;
import dev.ciorchestrator.run.ControllerMemory.MergeRefusal;
import dev.ciorchestrator.run.Watermarks;
import dev.ciorchestrator.run.WriteFence;
import dev.ciorchestrator.run.file.FileControllerMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One repository's pass against fake ports: act, report only differences, merge once. */
class RepoReconcilerTest {
  private final MemoryRunStore store = new MemoryRunStore();
  private final FakeExecutor executor = new FakeExecutor(store);
  private final FakeForge forge = new FakeForge();
  private final MemoryWatermarks watermarks = new MemoryWatermarks();
  private final ConfigSnapshot snapshot =
      config().autoMerge(MergeMethod.SQUASH).jobs("go-test", "go-vet").build();
  private final ChangeBoard board = new ChangeBoard();
  @TempDir Path tmp;
  private RepoReconciler reconciler;

  @BeforeEach
  void setUp() throws IOException {
    reconciler = reconciler();
  }

  /** The memory as a restart opens it: the file store's, from its file. */
  private ControllerMemory memory() throws IOException {
    return new FileControllerMemory(tmp.resolve("memory.json"), WriteFence.open());
  }

  private RepoReconciler reconciler() throws IOException {
    return new RepoReconciler(
        Map.of("local", forge),
        store,
        executor,
        watermarks,
        memory(),
        Clock.fixed(Fixture.NOW, ZoneOffset.UTC),
        new RunLinks("http://ci"),
        Duration.ofMinutes(5),
        LoopMetrics.NONE,
        GateListener.NONE,
        PlanRules.DEFAULT,
        board,
        List.of());
  }

  private int pass() throws IOException {
    return reconciler.reconcile(snapshot, snapshot.repositories().get(0));
  }

  private void finishAll(RunState state) throws IOException {
    for (RunRecord r : store.all()) {
      if (!r.state().terminal()) {
        executor.finish(r.id(), state, state == RunState.FAILURE ? "exit code 1" : "");
      }
    }
  }

  @Test
  void startsEachDueJobOnceAndReportsPendingStatuses() throws IOException {
    forge.open(change().state());

    pass();
    pass();

    assertThat(executor.calls).containsExactly("start go-test#1", "start go-vet#1");
    assertThat(executor.specs.get(0).baseRef()).isEqualTo("main");
    assertThat(executor.specs.get(0).headSha()).isEqualTo(HEAD);
    assertThat(forge.statuses.get(HEAD).get("ci/go-test").state())
        .isEqualTo(CommitStatus.State.PENDING);
    assertThat(forge.statuses.get(HEAD).get("ci/gate").description()).startsWith("blocked: ");
    assertThat(forge.changes.get(12L).summary()).contains("`go-test`", "**Gate: blocked**");
  }

  @Test
  void theBoardShowsWhatTheForgeGotAndForgetsClosedChanges() throws IOException {
    forge.open(change().state());
    pass();
    pass();

    ChangeBoard.Entry entry = board.get("demo/hello-go", 12).orElseThrow();
    assertThat(entry.summary()).isEqualTo(forge.changes.get(12L).summary());
    assertThat(entry.configRevision()).isEqualTo(snapshot.revision());
    assertThat(entry.plannedAt()).isEqualTo(Fixture.NOW);
    assertThat(entry.plan().gate().pass()).isFalse();
    assertThat(entry.latest()).containsOnlyKeys("go-test", "go-vet");
    assertThat(entry.latest().get("go-test").state()).isEqualTo(RunState.PENDING);

    finishAll(RunState.SUCCESS);
    pass();
    assertThat(board.get("demo/hello-go", 12).orElseThrow().latest().get("go-test").state())
        .isEqualTo(RunState.SUCCESS);

    forge.changes.remove(12L);
    pass();
    assertThat(board.get("demo/hello-go", 12)).isEmpty();
    assertThat(board.count("demo/hello-go")).isZero();
  }

  @Test
  void anUnchangedChangeIsNotPlannedAgainAndWritesNothing() throws IOException {
    forge.open(change().state());
    pass();
    pass(); // the runs it started are news: the gate now says "pending", not "missing"
    pass(); // and its own writes are news once more, which render the same report
    int writes = forge.writes.size();

    assertThat(pass()).isZero();
    assertThat(forge.writes).hasSize(writes);
  }

  @Test
  void twoChangesOnOneHeadCommitSettleInsteadOfOverwritingEachOther() throws IOException {
    ConfigSnapshot noMerge = config().jobs("go-test").build(); // both stay open
    Repository repo = noMerge.repositories().get(0);
    forge.open(change().state());
    forge.open(change().number(13).state()); // the same head SHA, as one branch into two targets
    reconciler.reconcile(noMerge, repo);
    finishAll(RunState.SUCCESS);

    int planned = -1;
    for (int i = 0; i < 6 && planned != 0; i++) {
      planned = reconciler.reconcile(noMerge, repo);
    }

    assertThat(planned).isZero();
    assertThat(forge.changes).containsOnlyKeys(12L, 13L);
  }

  @Test
  void greenJobsMergeOnceAndTheSummarySaysSo() throws IOException {
    forge.open(change().state());
    pass();
    finishAll(RunState.SUCCESS);

    pass();

    assertThat(forge.writes).contains("merge #12 squash");
    assertThat(forge.changes).doesNotContainKey(12L);
  }

  @Test
  void aRefusedMergeIsCommentedOnceAndNotRetriedForTheSameHead() throws IOException {
    forge.open(change().state());
    forge.nextMerge = MergeResult.refused("head moved from 1111111 to 2222222");
    pass();
    finishAll(RunState.SUCCESS);

    pass();
    forge.setLabel(Fixture.REPO, 12, "unrelated", true); // news about the change: it is planned
    pass();

    assertThat(forge.writes.stream().filter(w -> w.startsWith("merge"))).hasSize(1);
    assertThat(forge.notes.values())
        .containsExactly("Not merged: head moved from 1111111 to 2222222");
    assertThat(forge.changes.get(12L).summary()).contains("not merged: head moved");
  }

  @Test
  void aRestartRemembersTheRefusedMergeInTheStoreAndNeitherMergesNorNotesAgain()
      throws IOException {
    forge.open(change().state());
    forge.nextMerge = MergeResult.refused("conflict in main.go");
    pass();
    finishAll(RunState.SUCCESS);
    pass();

    reconciler = reconciler(); // a restart: only the store remembers the refused attempt
    forge.setLabel(Fixture.REPO, 12, "unrelated", true); // news about the change: it is planned
    pass();

    String base = change().state().change().baseSha();
    assertThat(forge.writes.stream().filter(w -> w.startsWith("merge"))).hasSize(1);
    assertThat(forge.writes.stream().filter(w -> w.startsWith("note")))
        .containsExactly("note #12 not-merged@" + HEAD + "@" + base);
    assertThat(memory().refusal(Fixture.REPO, 12))
        .contains(new MergeRefusal(HEAD, base, "conflict in main.go"));
    assertThat(forge.changes.get(12L).summary())
        .contains("not merged: conflict in main.go")
        .doesNotContain("<!--");
  }

  @Test
  void anUpgradeImportsTheRefusalASummaryRemembersAndDoesNotMergeAgain() throws IOException {
    Change c = change().build();
    String base = "b".repeat(40); // the marker was only ever read for hexadecimal SHAs
    Change onBase =
        new Change(
            c.repo(),
            c.number(),
            c.title(),
            c.author(),
            c.draft(),
            c.labels(),
            c.approvals(),
            c.baseRef(),
            base,
            c.headRef(),
            c.headSha(),
            c.files(),
            c.mergeable(),
            c.createdAt(),
            c.updatedAt());
    String reason =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("conflict in main.go".getBytes(StandardCharsets.UTF_8));
    String before =
        "**ci-orchestrator** · old\n<!-- ci-orchestrator:not-merged head="
            + HEAD
            + " base="
            + base
            + " reason="
            + reason
            + " -->";
    forge.open(new ChangeState(onBase, false, List.of()));
    ForgeChange fc = forge.changes.get(12L);
    forge.changes.put(
        12L,
        new ForgeChange(fc.state(), fc.answers(), fc.notes(), fc.labels(), fc.statuses(), before));
    pass();
    finishAll(RunState.SUCCESS);
    pass();

    assertThat(forge.writes).noneMatch(w -> w.startsWith("merge"));
    assertThat(memory().refusal(Fixture.REPO, 12))
        .contains(new MergeRefusal(HEAD, base, "conflict in main.go"));
    assertThat(forge.changes.get(12L).summary())
        .contains("not merged: conflict in main.go")
        .doesNotContain("ci-orchestrator:not-merged");
  }

  @Test
  void aFailedJobBlocksTheGateWithItsReason() throws IOException {
    forge.open(change().state());
    pass();
    finishAll(RunState.FAILURE);

    pass();

    assertThat(forge.writes).noneMatch(w -> w.startsWith("merge"));
    CommitStatus test = forge.statuses.get(HEAD).get("ci/go-test");
    assertThat(test.state()).isEqualTo(CommitStatus.State.FAILURE);
    assertThat(test.description()).isEqualTo("failed: exit code 1");
    assertThat(test.targetUrl()).startsWith("http://ci/runs/go-test-pr12-");
    assertThat(forge.statuses.get(HEAD).get("ci/gate").description())
        .contains("required-jobs: go-test is failure, go-vet is failure");
  }

  @Test
  void anUntrustedChangeIsLabelledAndStartsNothingUntilTrusted() throws IOException {
    forge.open(change().author("mallory").state());

    pass();

    assertThat(executor.calls).isEmpty();
    assertThat(forge.changes.get(12L).labels()).contains("needs-ok-to-test");
    assertThat(forge.changes.get(12L).summary()).contains("Waiting for `/ok-to-test`");

    forge.open(change().author("mallory").okToTest());
    forge.setLabel(Fixture.REPO, 12, "needs-ok-to-test", true);
    pass();

    assertThat(executor.calls).containsExactly("start go-test#1", "start go-vet#1");
    assertThat(forge.changes.get(12L).labels()).doesNotContain("needs-ok-to-test");
  }

  @Test
  void aRequestIsAcknowledgedOnlyAfterTheSummaryHoldsItsAnswer() throws IOException {
    forge.open(change().state(Fixture.test("c1", "nope", "bob")));

    pass();

    assertThat(forge.writes).containsSubsequence("summary #12", "ack c1");
    assertThat(forge.writes.indexOf("summary #12")).isLessThan(forge.writes.indexOf("ack c1"));
    assertThat(forge.changes.get(12L).summary())
        .contains("❌ `/test nope` by bob: no job 'nope' for demo/hello-go");
  }

  @Test
  void liftingNeedsOkToTestByHandTrustsNothingAndTheLabelComesBack() throws IOException {
    forge.open(change().author("mallory").state());
    pass();

    forge.setLabel(Fixture.REPO, 12, "needs-ok-to-test", false); // mallory removes it by hand
    pass();

    assertThat(executor.calls).isEmpty();
    assertThat(forge.changes.get(12L).labels()).contains("needs-ok-to-test");
  }

  @Test
  void aRestartRecoversUnfinishedRunsAndStartsNothingTwice() throws IOException {
    forge.open(change().state());
    pass();
    RunRecord running = store.all().get(0);
    store.update(running.withState(RunState.RUNNING, Fixture.NOW, ""));
    executor.calls.clear();

    reconciler = reconciler(); // a new process: same store, same forge
    pass();

    assertThat(executor.calls)
        .containsExactlyInAnyOrder("recover go-test running", "recover go-vet pending");
    assertThat(store.all()).hasSize(2);
  }

  /**
   * A job adopted from its supervisor after a restart still runs: aborting its record alone would
   * leave it running, so recovery stops it through the executor.
   */
  @Test
  void aRestartStopsTheStillRunningJobOfAChangeClosedMeanwhile() throws IOException {
    forge.open(change().state());
    pass();
    RunRecord running = store.all().get(0);
    store.update(running.withState(RunState.RUNNING, Fixture.NOW, ""));
    executor.calls.clear();
    forge.changes.clear();

    reconciler = reconciler(); // a new process; the executor adopted its runs on start
    pass();

    assertThat(executor.calls).contains("cancel " + running.id());
    assertThat(store.get(running.id()).orElseThrow().state()).isEqualTo(RunState.ABORTED);
    assertThat(store.get(running.id()).orElseThrow().message()).isEqualTo("change #12 closed");
  }

  @Test
  void runsOfAClosedChangeAreAborted() throws IOException {
    forge.open(change().state());
    pass();
    forge.changes.clear();

    pass();

    assertThat(store.all()).allMatch(r -> r.state() == RunState.ABORTED);
    assertThat(store.all().get(0).message()).isEqualTo("change #12 is no longer open");
  }

  @Test
  void aPushToMainStartsPostsubmitsAndReportsOnThePushedCommit() throws IOException {
    ConfigSnapshot withPush = config().job(job("go-test").push("main")).build();
    forge.branches.put("main", "a".repeat(40));
    reconciler.reconcile(withPush, withPush.repositories().get(0));
    forge.branches.put("main", "b".repeat(40));

    reconciler.reconcile(withPush, withPush.repositories().get(0));
    reconciler.reconcile(withPush, withPush.repositories().get(0));

    assertThat(executor.calls).containsExactly("start go-test#1");
    assertThat(executor.specs.get(0).headSha()).isNull();
    assertThat(forge.statuses.get("b".repeat(40)).get("ci/go-test").state())
        .isEqualTo(CommitStatus.State.PENDING);
    assertThat(watermarks.branches(Fixture.REPO)).contains(Map.of("main", "b".repeat(40)));
  }

  @Test
  void aScheduledJobStartsOncePerSlotOnTheDefaultBranch() throws IOException {
    ConfigSnapshot nightly = config().job(job("nightly").schedule("0 3 * * *")).build();
    Repository repo = nightly.repositories().get(0);
    // Fixture.NOW is 12:00: the last check at 02:00 means the 03:00 slot fell due since
    watermarks.save(Fixture.REPO, Map.of(), Map.of("nightly", Fixture.NOW.minusSeconds(10 * 3600)));

    reconciler.reconcile(nightly, repo);
    reconciler.reconcile(nightly, repo);

    assertThat(executor.calls).containsExactly("start nightly#1");
    assertThat(executor.specs.get(0).baseRef()).isEqualTo("main");
    assertThat(executor.specs.get(0).headSha()).isNull();
    RunRecord run = store.all().get(0);
    assertThat(run.key().ref()).isEqualTo("schedule@2026-03-01T03:00:00Z");
    assertThat(run.causedBy()).isEqualTo("schedule");
    assertThat(watermarks.schedules(Fixture.REPO)).containsEntry("nightly", Fixture.NOW);
  }

  /** Watermarks in memory. */
  static final class MemoryWatermarks implements Watermarks {
    private final Map<String, Map<String, String>> branches = new HashMap<>();
    private final Map<String, Map<String, Instant>> schedules = new HashMap<>();

    @Override
    public Optional<Map<String, String>> branches(String repo) {
      return Optional.ofNullable(branches.get(repo));
    }

    @Override
    public Map<String, Instant> schedules(String repo) {
      return schedules.getOrDefault(repo, Map.of());
    }

    @Override
    public void save(String repo, Map<String, String> b, Map<String, Instant> s) {
      branches.put(repo, Map.copyOf(b));
      schedules.put(repo, Map.copyOf(s));
    }
  }
}
