package dev.ciorchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.CommitStatus;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import dev.ciorchestrator.forge.local.LocalChange;
import dev.ciorchestrator.persist.FileQueueStore;
import dev.ciorchestrator.reconcile.LoopMetrics;
import dev.ciorchestrator.reconcile.queue.QueueMetrics;
import dev.ciorchestrator.reconcile.queue.QueueReconciler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge queue on the embedded forge, end to end: real Git merges into batch commits under
 * {@code refs/ci-orchestrator/queue/main/<n>}, real bash runs of the required job on them, real
 * merges into main. After every scenario, the job is run again on every commit main gained: main
 * was green at every step.
 */
class MergeQueueIT {
  @TempDir Path dir;
  private OneComputer ci;

  @BeforeEach
  void setUp() throws Exception {
    ci =
        new OneComputer(
            dir,
            "src/test/resources/e2e/queue.yaml",
            c ->
                List.of(
                    new QueueReconciler(
                        new FileQueueStore(c.dir.resolve("queue.json")),
                        LoopMetrics.NONE,
                        QueueMetrics.NONE)),
            "version.txt",
            "v1\n");
  }

  @AfterEach
  void tearDown() throws IOException {
    ci.close();
  }

  @Test
  void twoCompatibleChangesMergeInOneBatch() throws Exception {
    String base = ci.mainTip();
    List<Long> changes = openReady("feat-1.txt", "needs v1\n", "feat-2.txt", "needs v1\n");

    ci.passUntil("both merged", () -> merged(changes));

    assertThat(batchIds()).as("one batch").hasSize(1);
    assertThat(batchRuns()).allMatch(r -> r.state() == RunState.SUCCESS);
    List<RevCommit> landed = firstParents(base);
    assertThat(landed).hasSize(2);
    assertThat(landed.get(0).getFullMessage()).startsWith("Merge change #2");
    mainGreenAtEveryCommitSince(base);
    CommitStatus queue = ci.statuses(ci.change(1).headSha()).get("ci/queue");
    assertThat(queue.state()).isEqualTo(CommitStatus.State.SUCCESS);
    assertThat(queue.description()).startsWith("1 of 2 in the queue; batch #1 (#1, #2) on main");
  }

  @Test
  void oneCulpritInABatchOfFourLeavesAndTheOtherThreeMerge() throws Exception {
    String base = ci.mainTip();
    List<Long> changes =
        openReady(
            "feat-1.txt", "needs v1\n",
            "feat-2.txt", "needs v1\n",
            "version.txt", "v2\n",
            "feat-4.txt", "needs v1\n");

    ci.passUntil(
        "three merged and the culprit out",
        () ->
            merged(List.of(changes.get(0), changes.get(1), changes.get(3)))
                && ci.statuses(ci.change(3).headSha()).containsKey("ci/queue")
                && ci.statuses(ci.change(3).headSha()).get("ci/queue").state()
                    == CommitStatus.State.FAILURE);

    assertThat(ci.change(3).state()).isEqualTo(LocalChange.State.OPEN);
    CommitStatus removed = ci.statuses(ci.change(3).headSha()).get("ci/queue");
    assertThat(removed.description())
        .startsWith("removed from the queue: batch #")
        .contains("(#3) on main at")
        .contains("check failed");
    assertThat(ci.change(3).comments())
        .anyMatch(c -> c.body().contains("Removed from the merge queue: batch #"));
    assertThat(summaryOf(3)).contains("**Merge queue** (`main`): removed from the queue");
    mainGreenAtEveryCommitSince(base);
    assertThat(firstParents(base)).hasSize(3);
    assertThat(batchIds().size()).as("[1-4], [1,2], [3,4], [3], [4]").isEqualTo(5);
  }

  @Test
  void aRestartDuringABatchStartsNoRunTwiceAndTheBatchStillMerges() throws Exception {
    List<Long> changes = openReady("feat-1.txt", "needs v1\n", "feat-2.txt", "needs v1\n");
    Files.writeString(ci.holdFile, "hold");
    ci.pass(); // both ready: the batch is built and its run starts, held by the file
    ci.pass();
    assertThat(batchRuns()).hasSize(1);
    awaitRunning(batchRuns().get(0).id());
    String summary = summaryOf(1);
    assertThat(summary).contains("**Merge queue** (`main`): 1 of 2 in the queue; batch #1");

    ci.restart();
    ci.pass();
    ci.pass();
    // The same batch, the same commit: the first attempt is found, not started again. Its job
    // runs on under its supervisor and the new orchestrator adopts it: no retry, no second run.
    assertThat(batchIds()).hasSize(1);
    assertThat(batchRuns())
        .extracting(r -> r.key().attempt() + " " + (r.state().terminal() ? r.state() : "active"))
        .containsExactly("1 active");
    assertThat(batchRuns().stream().map(r -> r.key().sha()).distinct()).hasSize(1);
    Files.delete(ci.holdFile);
    ci.passUntil("both merged", () -> merged(changes));
    assertThat(batchRuns()).hasSize(1);
  }

  /** Opens one change per file, by alice, and waits until each one's own run passed. */
  private List<Long> openReady(String... pathThenContent) throws Exception {
    Files.writeString(ci.holdFile, "hold");
    List<Long> numbers = openOnly(pathThenContent);
    Files.delete(ci.holdFile);
    waitForChangeRuns(numbers);
    return numbers;
  }

  private List<Long> openOnly(String... pathThenContent) throws Exception {
    List<Long> numbers = new ArrayList<>();
    for (int i = 0; i < pathThenContent.length; i += 2) {
      String branch = "change-" + (i / 2 + 1);
      String head = ci.push(branch, "main", pathThenContent[i], pathThenContent[i + 1]);
      numbers.add(ci.open("alice", branch, head).number());
    }
    ci.pass(); // every change's own run starts, held until the file goes
    return numbers;
  }

  /**
   * Waits, without a pass, until every change's own run ended: the next pass then finds all of them
   * ready at once and they enter the queue together.
   */
  private void waitForChangeRuns(List<Long> numbers) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!numbers.stream().allMatch(n -> ci.allFinished(n, 1))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("change runs did not finish: " + ci.runs.all());
      }
      Thread.sleep(20);
    }
    assertThat(numbers).allMatch(n -> ci.runsOf(n).get(0).state() == RunState.SUCCESS);
  }

  private void awaitRunning(String id) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (ci.runs.get(id).orElseThrow().state() != RunState.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("run did not start: " + ci.runs.get(id));
      }
      Thread.sleep(20);
    }
  }

  private boolean merged(List<Long> numbers) {
    return numbers.stream().allMatch(n -> ci.change(n).state() == LocalChange.State.MERGED);
  }

  private List<RunRecord> batchRuns() throws IOException {
    return ci.runs.forRepo(OneComputer.REPO).stream().filter(r -> r.key().batch()).toList();
  }

  private Set<String> batchIds() throws IOException {
    return batchRuns().stream().map(r -> r.key().batchId()).collect(Collectors.toSet());
  }

  private String summaryOf(long number) {
    return ci.change(number).comments().stream()
        .filter(c -> c.body().startsWith("<!-- ci-orchestrator:summary -->"))
        .findFirst()
        .orElseThrow()
        .body();
  }

  /** Main's commits since {@code base}, newest first, following first parents. */
  private List<RevCommit> firstParents(String base) throws IOException {
    List<RevCommit> out = new ArrayList<>();
    try (Repository git = new FileRepositoryBuilder().setGitDir(ci.bare.toFile()).build();
        RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(git.resolve(ci.mainTip()));
      while (!c.name().equals(base)) {
        walk.parseBody(c);
        out.add(c);
        c = walk.parseCommit(c.getParent(0));
      }
    }
    return out;
  }

  /** Runs the job's own script on a checkout of every commit main gained since {@code base}. */
  private void mainGreenAtEveryCommitSince(String base) throws Exception {
    for (RevCommit c : firstParents(base)) {
      Path checkout = dir.resolve("check-" + c.name());
      new ProcessBuilder("git", "clone", "-q", ci.bare.toString(), checkout.toString())
          .inheritIO()
          .start()
          .waitFor();
      assertThat(
              new ProcessBuilder("git", "-C", checkout.toString(), "checkout", "-q", c.name())
                  .start()
                  .waitFor())
          .isZero();
      ProcessBuilder job =
          new ProcessBuilder("bash", "-c", ci.snapshot.job("check").orElseThrow().run())
              .directory(checkout.toFile())
              .redirectErrorStream(true);
      job.environment().put("HOLD_FILE", dir.resolve("no-hold").toString());
      Process check = job.start();
      assertThat(check.waitFor()).as("main green at " + c.name()).isZero();
    }
  }
}
