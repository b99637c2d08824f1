package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.forge.local.LocalForge;
import dev.ciorchestrator.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-computer loop end to end on real temporary Git repositories: the local forge, the
 * reconcile loop, real bash runs, statuses, the summary comment, the gate and the JGit merge.
 */
class OneComputerIT {
  @TempDir Path dir;
  private OneComputer ci;

  @BeforeEach
  void setUp() throws Exception {
    ci = new OneComputer(dir);
  }

  @AfterEach
  void tearDown() throws IOException {
    ci.close();
  }

  @Test
  void aChangeRunsEachJobOnceReportsAndMergesExactlyTheTestedHeadAfterApproval() throws Exception {
    String head = ci.push("feature", "main", "feature.txt", "new\n");
    long n = ci.open("alice", "feature", head).number();

    ci.passUntil("both jobs finish", () -> ci.allFinished(n, 2));
    ci.pass();

    assertThat(ci.runsOf(n))
        .extracting(r -> r.key().job())
        .containsExactlyInAnyOrder("build", "test");
    assertThat(ci.runsOf(n))
        .allMatch(r -> r.state() == RunState.SUCCESS && r.key().sha().equals(head));
    assertThat(ci.statuses(head).get("ci/build").state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(ci.statuses(head).get("ci/test").state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(ci.statuses(head).get("ci/gate").description())
        .isEqualTo("blocked: require-approval: needs 1 approval from someone other than alice");
    assertThat(summaries(ci.change(n))).hasSize(1);

    ci.comment(n, "alice", "/approve"); // the author's own approval does not count
    ci.pass();
    assertThat(ci.change(n).state()).isEqualTo(LocalChange.State.OPEN);

    ci.comment(n, "bob", "/approve");
    ci.passUntil("the change merges", () -> ci.change(n).state() == LocalChange.State.MERGED);

    RevCommit merge = commit(ci.mainTip());
    assertThat(merge.getParentCount()).isEqualTo(2);
    assertThat(merge.getParent(1).name()).as("the tested head, nothing else").isEqualTo(head);
    assertThat(ci.change(n).mergeSha()).isEqualTo(merge.name());
    assertThat(ci.runsOf(n)).hasSize(2); // approval and merge started nothing new
    assertThat(summaries(ci.change(n))).hasSize(1);
    assertThat(summaries(ci.change(n)).get(0)).contains("**Gate: passed**", "merged as");
  }

  @Test
  void aSettledChangeIsNotPlannedAgain() throws Exception {
    String head = ci.push("feature", "main", "feature.txt", "new\n");
    long n = ci.open("alice", "feature", head).number();
    ci.passUntil("both jobs finish", () -> ci.allFinished(n, 2));

    int planned = -1;
    for (int pass = 0; pass < 5 && planned != 0; pass++) {
      planned = ci.reconciler.reconcile(ci.snapshot, ci.repository());
    }

    assertThat(planned).as("a pass over an unchanged change plans nothing").isZero();
  }

  @Test
  void holdBlocksTheGateAndUnholdReleasesIt() throws Exception {
    String head = ci.push("feature", "main", "feature.txt", "new\n");
    long n = ci.open("alice", "feature", head).number();
    ci.comment(n, "bob", "/hold");
    ci.comment(n, "bob", "/approve");

    ci.passUntil("both jobs finish", () -> ci.allFinished(n, 2));
    ci.pass();

    assertThat(ci.change(n).state()).isEqualTo(LocalChange.State.OPEN);
    assertThat(ci.statuses(head).get("ci/gate").description())
        .isEqualTo("blocked: no-hold: on hold: /unhold releases it");

    ci.comment(n, "bob", "/unhold");
    ci.passUntil("the change merges", () -> ci.change(n).state() == LocalChange.State.MERGED);
  }

  @Test
  void aPushDuringARunAbortsTheOldRunsAndStartsNewOnes() throws Exception {
    Files.writeString(ci.holdFile, "");
    String first = ci.push("feature", "main", "feature.txt", "one\n");
    long n = ci.open("alice", "feature", first).number();
    ci.passUntil(
        "test runs on the first head",
        () ->
            ci.runsOf(n).stream()
                .anyMatch(r -> r.key().job().equals("test") && r.state() == RunState.RUNNING));

    String second = ci.push("feature", "feature", "feature.txt", "two\n");
    ci.passUntil(
        "old test aborted",
        () ->
            ci.runsOf(n).stream()
                .anyMatch(
                    r ->
                        r.key().sha().equals(first)
                            && r.key().job().equals("test")
                            && r.state() == RunState.ABORTED));
    Files.delete(ci.holdFile);
    ci.passUntil(
        "new head's jobs finish",
        () ->
            ci.runsOf(n).stream().filter(r -> r.key().sha().equals(second)).count() == 2
                && ci.runsOf(n).stream().allMatch(r -> r.state().terminal()));

    assertThat(ci.change(n).headSha()).isEqualTo(second);
    RunRecord aborted =
        ci.runsOf(n).stream()
            .filter(r -> r.key().sha().equals(first) && r.key().job().equals("test"))
            .findFirst()
            .orElseThrow();
    assertThat(aborted.message()).isEqualTo("superseded: head moved to " + second.substring(0, 7));
    assertThat(ci.runsOf(n).stream().filter(r -> r.key().sha().equals(second)))
        .allMatch(r -> r.state() == RunState.SUCCESS);
  }

  @Test
  void anUntrustedAuthorGetsNoRunUntilATrustedUserSaysOkToTest() throws Exception {
    String head = ci.push("feature", "main", "feature.txt", "new\n");
    long n = ci.open("mallory", "feature", head).number();

    ci.pass();
    ci.pass();

    assertThat(ci.runsOf(n)).isEmpty();
    assertThat(ci.change(n).labels()).contains("needs-ok-to-test");
    assertThat(summaries(ci.change(n)).get(0)).contains("Waiting for `/ok-to-test`");

    ci.comment(n, "mallory", "/ok-to-test"); // not trusted: ignored
    ci.pass();
    assertThat(ci.runsOf(n)).isEmpty();

    ci.comment(n, "bob", "/ok-to-test");
    ci.passUntil("both jobs finish", () -> ci.allFinished(n, 2));
    ci.pass();
    assertThat(ci.change(n).labels()).doesNotContain("needs-ok-to-test");
  }

  @Test
  void aMergeConflictIsReportedClearlyAndNoJobRuns() throws Exception {
    String head = ci.push("feature", "main", "app.txt", "feature's ok\n");
    ci.work.checkout("main");
    ci.push("main", "main", "app.txt", "main's ok\n");
    long n = ci.open("alice", "feature", head).number();

    ci.passUntil("both runs end", () -> ci.allFinished(n, 2));
    ci.pass();

    assertThat(ci.runsOf(n)).allMatch(r -> r.state() == RunState.ERROR);
    assertThat(ci.runsOf(n).get(0).message())
        .isEqualTo(
            "head "
                + head.substring(0, 7)
                + " does not merge cleanly into main: conflict in app.txt");
    assertThat(ci.statuses(head).get("ci/build").description())
        .startsWith("error: head " + head.substring(0, 7) + " does not merge cleanly");
    assertThat(Files.exists(ci.executor.logFile(ci.runsOf(n).get(0).id()))).isFalse();
  }

  @Test
  void aRestartInTheMiddleOfAReconcileNeitherDuplicatesNorForgetsARun() throws Exception {
    Files.writeString(ci.holdFile, "");
    List<Long> changes = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String head = ci.push("feature-" + i, "main", "f" + i + ".txt", "x\n");
      ci.work.checkout("main");
      changes.add(ci.open("alice", "feature-" + i, head).number());
    }
    // The process dies after its third run record is written: the pass stops half way, and no
    // job process had started yet (the executor it handed them to died with it).
    AtomicInteger creates = new AtomicInteger();
    ci.reconcilerWith(new CrashingStore(ci.runs, creates, 3), new DeadExecutor());
    try {
      ci.pass();
    } catch (RuntimeException | IOException crash) {
      // expected: the simulated crash
    }
    assertThat(ci.runs.all()).hasSize(3);

    ci.restart();
    Files.delete(ci.holdFile);
    ci.passUntil("every run finishes", () -> changes.stream().allMatch(n -> ci.allFinished(n, 2)));
    ci.restart();
    ci.pass();
    ci.pass();

    List<RunRecord> all = ci.runs.all();
    assertThat(all).hasSize(6);
    assertThat(all.stream().map(r -> r.key().change() + "/" + r.key().job()).distinct()).hasSize(6);
    assertThat(all).allMatch(r -> r.key().attempt() == 1 && r.state() == RunState.SUCCESS);
  }

  private static List<String> summaries(LocalChange change) {
    return change.comments().stream()
        .filter(c -> c.author().equals("ci-orchestrator"))
        .map(c -> c.body())
        .filter(b -> b.startsWith(LocalForge.SUMMARY_MARKER))
        .toList();
  }

  private RevCommit commit(String sha) throws IOException {
    try (var repo = new FileRepositoryBuilder().setGitDir(ci.bare.toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(repo.resolve(sha));
    }
  }

  /** The executor of a process that is about to die: it accepts runs and never runs them. */
  static final class DeadExecutor implements dev.ciorchestrator.executor.Executor {
    @Override
    public void start(RunRecord run, dev.ciorchestrator.executor.RunSpec spec) {}

    @Override
    public boolean cancel(String runId, String reason) {
      return false;
    }

    @Override
    public void recover(RunRecord run, Optional<dev.ciorchestrator.executor.RunSpec> spec) {}

    @Override
    public Path logFile(String runId) {
      return Path.of(runId);
    }
  }

  /** A run store whose process "dies" (throws) right after its {@code limit}th create. */
  static final class CrashingStore implements RunStore {
    private final RunStore real;
    private final AtomicInteger creates;
    private final int limit;

    CrashingStore(RunStore real, AtomicInteger creates, int limit) {
      this.real = real;
      this.creates = creates;
      this.limit = limit;
    }

    @Override
    public boolean create(RunRecord record) throws IOException {
      if (creates.get() >= limit) {
        throw new IllegalStateException("simulated crash");
      }
      boolean created = real.create(record);
      creates.incrementAndGet();
      return created;
    }

    @Override
    public void update(RunRecord next) throws IOException {
      real.update(next);
    }

    @Override
    public Optional<RunRecord> get(String id) throws IOException {
      return real.get(id);
    }

    @Override
    public List<RunRecord> all() throws IOException {
      return real.all();
    }
  }
}
