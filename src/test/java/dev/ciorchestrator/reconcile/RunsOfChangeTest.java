package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunKey;
import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.domain.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RunsOfChangeTest {
  private static RunRecord run(long change, int attempt) {
    String sha = String.format("%040d", change);
    return Fixture.run(
        RunKey.forChange(Fixture.REPO, change, sha, "go-test", attempt), RunState.SUCCESS);
  }

  private static List<RunRecord> runsOfChanges(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(n -> run(n, 1)).toList();
  }

  @Test
  void findsEachChangesRunsInAnUnmodifiableListAndInTheNextOne() {
    List<RunRecord> first = List.copyOf(runsOfChanges(1, 200));
    for (long n = 1; n <= 200; n++) {
      assertThat(RunsOfChange.of(n, first)).containsExactly(first.get((int) n - 1));
    }
    assertThat(RunsOfChange.of(999, first)).isEmpty();

    List<RunRecord> next = new ArrayList<>(first);
    next.add(run(7, 2));
    List<RunRecord> second = List.copyOf(next);
    assertThat(RunsOfChange.of(7, second)).containsExactly(first.get(6), run(7, 2));
    assertThat(RunsOfChange.of(7, first)).as("the older list still answers for itself").hasSize(1);
  }

  @Test
  void aListThatMayChangeIsReadAsItIsNow() {
    List<RunRecord> mutable = new ArrayList<>(runsOfChanges(1, 200));
    assertThat(RunsOfChange.of(3, mutable)).hasSize(1);

    mutable.add(run(3, 2));
    assertThat(RunsOfChange.of(3, mutable)).hasSize(2);
  }
}
