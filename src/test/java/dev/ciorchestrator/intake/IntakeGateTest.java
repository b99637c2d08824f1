package dev.ciorchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Read slots, body bytes and saturation, on a clock the test moves. */
class IntakeGateTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final IntakeGate gate = new IntakeGate(2, 1000, clock);

  @Test
  void aBodyTakesASlotWhileReadAndItsBytesUntilAnswered() {
    IntakeGate.Ticket t = admitted(gate.admit(600));
    assertThat(gate.load())
        .extracting(IntakeGate.Load::reads, IntakeGate.Load::bytes)
        .containsExactly(1, 600L);
    t.bodyRead();
    assertThat(gate.load())
        .extracting(IntakeGate.Load::reads, IntakeGate.Load::bytes)
        .containsExactly(0, 600L);
    t.close();
    t.close(); // twice frees once
    assertThat(gate.load())
        .extracting(IntakeGate.Load::reads, IntakeGate.Load::bytes)
        .containsExactly(0, 0L);
  }

  @Test
  void noSlotOrNoBytesLeftIsRefusedAndCounted() {
    IntakeGate.Ticket a = admitted(gate.admit(100));
    admitted(gate.admit(100));
    assertThat(gate.admit(1))
        .isEqualTo(new IntakeGate.Refused("2 bodies are being received, the most taken at once"));
    a.bodyRead();
    assertThat(gate.admit(900))
        .isEqualTo(
            new IntakeGate.Refused(
                "the 900 bytes declared do not fit in the 800 bytes of body memory left"));
    assertThat(gate.load().refused()).isEqualTo(2);
  }

  @Test
  void aChunkedBodyGrowsWhileThereIsRoom() {
    IntakeGate.Ticket t = admitted(gate.admit(0));
    assertThat(t.grow(700)).isTrue();
    assertThat(t.grow(400)).as("1100 > 1000").isFalse();
    assertThat(t.held()).isEqualTo(700);
    t.close();
    assertThat(t.grow(1)).as("closed").isFalse();
    assertThat(gate.load().bytes()).isZero();
  }

  @Test
  void saturatedOnlyAfterBeingFullForTheWholeBound() {
    Duration bound = Duration.ofSeconds(5);
    IntakeGate.Ticket a = admitted(gate.admit(10));
    admitted(gate.admit(10));
    assertThat(gate.load().fullSince()).contains(clock.instant());
    clock.advance(Duration.ofSeconds(4));
    assertThat(gate.saturated(bound)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(gate.saturated(bound)).isTrue();

    a.bodyRead(); // room again
    assertThat(gate.saturated(bound)).isFalse();
    assertThat(gate.load().fullSince()).isEmpty();
  }

  @Test
  void aRefusalForBytesCountsAsFullUntilSomethingIsFreed() {
    Duration bound = Duration.ofSeconds(1);
    IntakeGate.Ticket big = admitted(gate.admit(900));
    big.bodyRead();
    assertThat(gate.admit(200)).isInstanceOf(IntakeGate.Refused.class);
    clock.advance(bound);
    assertThat(gate.saturated(bound)).isTrue();
    big.close();
    assertThat(gate.saturated(bound)).isFalse();
  }

  private static IntakeGate.Ticket admitted(IntakeGate.Admission a) {
    assertThat(a).isInstanceOf(IntakeGate.Admitted.class);
    return ((IntakeGate.Admitted) a).ticket();
  }
}
