package dev.ciorchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ciorchestrator.domain.Change;
import dev.ciorchestrator.domain.ChangeState;
import dev.ciorchestrator.domain.Decision;
import dev.ciorchestrator.forge.ForgeChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Slices across repositories in the order asked, by number within each. */
class ChangeBoardTest {
  private final ChangeBoard board = new ChangeBoard();

  static ChangeBoard.Entry entry(String repo, long number) {
    Change change =
        new Change(
            repo,
            number,
            "t" + number,
            "alice",
            false,
            List.of(),
            List.of(),
            "main",
            "b",
            "topic",
            "h",
            List.of(),
            true,
            Instant.EPOCH,
            Instant.EPOCH);
    ChangePlan plan =
        new ChangePlan(
            change, Decision.pass("trust", ""), List.of(), List.of(), GateDecision.of(List.of()));
    return new ChangeBoard.Entry(
        new ForgeChange(ChangeState.of(change), List.of(), List.of(), List.of(), Map.of(), ""),
        plan,
        Map.of(),
        "",
        "rev",
        Instant.EPOCH);
  }

  private List<String> refs(ChangeBoard.Slice slice) {
    return slice.entries().stream().map(e -> e.repo() + "#" + e.number()).toList();
  }

  @Test
  void slicesAcrossRepositoriesInTheOrderGiven() {
    for (long n : new long[] {3, 1, 2}) {
      board.publish(entry("b/two", n));
    }
    board.publish(entry("a/one", 7));
    board.publish(entry("c/three", 5));

    List<String> order = List.of("a/one", "b/two", "c/three", "d/none");
    assertThat(refs(board.slice(order, 0, 10)))
        .containsExactly("a/one#7", "b/two#1", "b/two#2", "b/two#3", "c/three#5");
    assertThat(refs(board.slice(order, 2, 2))).containsExactly("b/two#2", "b/two#3");
    assertThat(board.slice(order, 2, 2).total()).isEqualTo(5);
    assertThat(refs(board.slice(order, 4, 10))).containsExactly("c/three#5");
    assertThat(refs(board.slice(order, 5, 10))).isEmpty();
    assertThat(refs(board.slice(List.of("b/two"), 1, 1))).containsExactly("b/two#2");
    assertThat(board.slice(List.of("b/two"), 1, 1).total()).isEqualTo(3);
  }

  @Test
  void aNewReportReplacesTheOldAndRetainDropsClosedChanges() {
    board.publish(entry("a/one", 1));
    board.publish(entry("a/one", 2));
    ChangeBoard.Entry again = entry("a/one", 1);
    board.publish(again);

    assertThat(board.get("a/one", 1)).containsSame(again);
    board.retain("a/one", Set.of(2L));
    assertThat(board.get("a/one", 1)).isEmpty();
    assertThat(board.count("a/one")).isEqualTo(1);
    assertThat(board.get("x/y", 1)).isEmpty();
  }

  @Test
  void refusesANegativeWindow() {
    assertThatThrownBy(() -> board.slice(List.of(), -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
