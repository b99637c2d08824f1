package dev.ciorchestrator.reconcile.queue;

import static dev.ciorchestrator.domain.RunState.ERROR;
import static dev.ciorchestrator.domain.RunState.FAILURE;
import static dev.ciorchestrator.domain.RunState.RUNNING;
import static dev.ciorchestrator.domain.RunState.SUCCESS;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.BASE;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.MOVED;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.batch;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.blocked;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.head;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.input;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.piped;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.ready;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.run;
import static dev.ciorchestrator.reconcile.queue.QueueFixture.testing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ciorchestrator.domain.BatchKey;
import dev.ciorchestrator.reconcile.queue.QueueState.Built;
import dev.ciorchestrator.reconcile.queue.QueueState.Entry;
import dev.ciorchestrator.reconcile.queue.QueueState.Rejection;
import dev.ciorchestrator.reconcile.queue.QueueView.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One plan of one branch's queue: the rows are the cases the issue names, and their neighbours. */
class QueuePlannerTest {
  private static final BatchKey PAIR = batch(BASE, 1, 2);
  private static final BatchKey FOUR = batch(BASE, 1, 2, 3, 4);

  static Stream<Arguments> rows() {
    return Stream.of(
        arguments(
            "an empty queue admits the ready changes and builds their batch",
            input(BASE, withBlocked(ready(1, 2, 3), 4), QueueState.EMPTY, List.of()),
            List.of("build #1 (#1, #2, #3)")),
        arguments(
            "a batch holds at most maxBatch changes",
            input(BASE, ready(1, 2, 3, 4, 5, 6), QueueState.EMPTY, List.of()),
            List.of("build #1 (#1, #2, #3, #4)")),
        arguments(
            "a built batch starts its required jobs on its commit",
            input(BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of()),
            List.of("start test#1")),
        arguments(
            "a batch under test waits for its runs",
            input(
                BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "test", 1, RUNNING))),
            List.of()),
        arguments(
            "green batch: it merges",
            input(
                BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "test", 1, SUCCESS))),
            List.of("merge #1 (#1, #2)")),
        arguments(
            "red batch of one: the culprit leaves the queue",
            input(
                BASE,
                ready(3),
                testing(1, batch(BASE, 3), 3),
                List.of(run(batch(BASE, 3), "test", 1, FAILURE))),
            List.of("reject #3", "drop #1")),
        arguments(
            "red batch of four: it splits and its first half is built",
            input(
                BASE,
                ready(1, 2, 3, 4),
                testing(1, FOUR, 1, 2, 3, 4),
                List.of(run(FOUR, "test", 1, FAILURE))),
            List.of("build #2 (#1, #2)", "drop #1")),
        arguments(
            "flaky infrastructure error: the job is retried once on the same batch",
            input(BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "test", 1, ERROR))),
            List.of("start test#2")),
        arguments(
            "an error after the retry is a failure: the batch splits",
            input(
                BASE,
                ready(1, 2),
                testing(1, PAIR, 1, 2),
                List.of(run(PAIR, "test", 1, ERROR), run(PAIR, "test", 2, ERROR))),
            List.of("build #2 (#1)", "drop #1")),
        arguments(
            "base moved during the test: a new batch on the new base, the old run aborted",
            input(
                MOVED, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "test", 1, RUNNING))),
            List.of("build #2 (#1, #2)", "abort test#1", "drop #1")),
        arguments(
            "base moved under a green batch: it is tested again, never merged untested",
            input(
                MOVED, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "test", 1, SUCCESS))),
            List.of("build #2 (#1, #2)", "drop #1")),
        arguments(
            "push during the test: the change leaves, the batch is rebuilt without it",
            input(
                BASE,
                List.of(
                    QueueFixture.readyOne(1),
                    new Candidate(2, "e".repeat(40), false, "test is running", List.of())),
                testing(1, PAIR, 1, 2),
                List.of(run(PAIR, "test", 1, RUNNING))),
            List.of("build #2 (#1)", "abort test#1", "drop #1")),
        arguments(
            "hold during the test: the change leaves, the batch is rebuilt without it",
            input(
                BASE,
                List.of(QueueFixture.readyOne(1), blocked(2, "on hold")),
                testing(1, PAIR, 1, 2),
                List.of(run(PAIR, "test", 1, RUNNING))),
            List.of("build #2 (#1)", "abort test#1", "drop #1")),
        arguments(
            "a change that conflicts with the base alone leaves the queue",
            input(BASE, ready(1), conflict(batch(BASE, 1), 1), List.of()),
            List.of("reject #1")),
        arguments(
            "a change that conflicts with the changes before it is tested after them",
            input(BASE, ready(1, 2, 3), conflict(batch(BASE, 1, 2, 3), 3), List.of()),
            List.of("build #2 (#1, #2)")),
        arguments(
            "a change proved bad stays out at the same head",
            input(BASE, ready(1), rejected(1, head(1)), List.of()),
            List.of()),
        arguments(
            "a change proved bad comes back with a new head",
            input(
                BASE,
                List.of(new Candidate(1, "e".repeat(40), true, "", List.of("test"))),
                rejected(1, head(1)),
                List.of()),
            List.of("build #4 (#1)")),
        arguments(
            "pipeline: a built batch starts only the jobs that need nothing",
            piped(BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of()),
            List.of("start build#1")),
        arguments(
            "pipeline: a job waits while the job it needs runs",
            piped(
                BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "build", 1, RUNNING))),
            List.of()),
        arguments(
            "pipeline: a job starts once the job it needs passed on the batch commit",
            piped(
                BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "build", 1, SUCCESS))),
            List.of("start test#1")),
        arguments(
            "pipeline: a needed job's infrastructure error retries it, the job below still waits",
            piped(BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "build", 1, ERROR))),
            List.of("start build#2")),
        arguments(
            "pipeline: a needed job that fails makes the batch red",
            piped(
                BASE, ready(1, 2), testing(1, PAIR, 1, 2), List.of(run(PAIR, "build", 1, FAILURE))),
            List.of("build #2 (#1)", "drop #1")),
        arguments(
            "pipeline: green when the job and what it needs passed",
            piped(
                BASE,
                ready(1, 2),
                testing(1, PAIR, 1, 2),
                List.of(run(PAIR, "build", 1, SUCCESS), run(PAIR, "test", 1, SUCCESS))),
            List.of("merge #1 (#1, #2)")));
  }

  @Test
  void aWaitingJobSaysWhatItWaitsFor() {
    QueuePlan plan =
        QueuePlanner.plan(
            piped(
                BASE,
                ready(1, 2),
                testing(1, PAIR, 1, 2),
                List.of(run(PAIR, "build", 1, RUNNING))));
    assertThat(plan.views().get(1L).detail())
        .isEqualTo("batch #1 (#1, #2) on main at bbbbbbb: build running, test waiting for build");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plansTheQueue(String name, QueueInput input, List<String> expected) {
    QueuePlan plan = QueuePlanner.plan(input);
    assertThat(QueueFixture.summary(plan, input.runs())).containsExactlyElementsOf(expected);
    assertThat(QueuePlanner.plan(input)).as("pure: the same input, the same plan").isEqualTo(plan);
  }

  @Test
  void aRedBatchCountsOneBisectionAndKeepsBothHalvesInOrder() {
    QueuePlan plan =
        QueuePlanner.plan(
            input(
                BASE,
                ready(1, 2, 3, 4, 5),
                testing(1, FOUR, 1, 2, 3, 4, 5),
                List.of(run(FOUR, "test", 1, FAILURE))));
    assertThat(plan.events())
        .containsExactly(new QueueEvent.Bisected(4), new QueueEvent.BatchFormed(2));
    assertThat(plan.state().groups()).containsExactly(List.of(1L, 2L), List.of(3L, 4L));
    assertThat(plan.views().get(3L).stage()).isEqualTo(Stage.WAITING);
    assertThat(plan.views().get(5L).position()).isEqualTo(5);
  }

  @Test
  void viewsTellPositionBatchAndWhy() {
    QueuePlan plan =
        QueuePlanner.plan(
            input(
                BASE,
                withBlocked(ready(1, 2, 3), 4),
                testing(1, PAIR, 1, 2, 3),
                List.of(run(PAIR, "test", 1, RUNNING))));
    QueueView first = plan.views().get(1L);
    assertThat(first.stage()).isEqualTo(Stage.TESTING);
    assertThat(first.position()).isEqualTo(1);
    assertThat(first.length()).isEqualTo(3);
    assertThat(first.batch()).isEqualTo(1);
    assertThat(first.batchChanges()).containsExactly(1L, 2L);
    assertThat(first.detail()).isEqualTo("batch #1 (#1, #2) on main at bbbbbbb: test running");
    QueueView third = plan.views().get(3L);
    assertThat(third.stage()).isEqualTo(Stage.WAITING);
    assertThat(third.detail()).isEqualTo("behind batch #1 (#1, #2) on main at bbbbbbb");
    assertThat(plan.views().get(4L))
        .isEqualTo(new QueueView(Stage.NOT_QUEUED, 0, 3, 0, List.of(), "gate: needs approval"));
  }

  @Test
  void anEntryKeepsItsPlaceAndTimeAndNewcomersJoinBehindByNumber() {
    QueueState state =
        new QueueState(
            0,
            List.of(new Entry(7, head(7), QueueFixture.EARLIER)),
            List.of(),
            List.of(),
            List.of());
    QueuePlan plan = QueuePlanner.plan(input(BASE, ready(9, 7, 8), state, List.of()));
    assertThat(plan.state().entries())
        .containsExactly(
            new Entry(7, head(7), QueueFixture.EARLIER),
            new Entry(8, head(8), QueueFixture.NOW),
            new Entry(9, head(9), QueueFixture.NOW));
  }

  private static List<Candidate> withBlocked(List<Candidate> ready, long blocked) {
    List<Candidate> all = new ArrayList<>(ready);
    all.add(blocked(blocked, "gate: needs approval"));
    return all;
  }

  private static QueueState conflict(BatchKey batch, long culprit) {
    List<Entry> entries =
        batch.changes().stream().map(n -> new Entry(n, head(n), QueueFixture.EARLIER)).toList();
    return new QueueState(
        1,
        entries,
        List.of(batch.changes()),
        List.of(Built.conflict(batch.id(), 1, culprit, "README.md")),
        List.of());
  }

  private static QueueState rejected(long change, String headSha) {
    return new QueueState(
        3,
        List.of(),
        List.of(),
        List.of(),
        List.of(new Rejection(change, headSha, "batch failed")));
  }
}
