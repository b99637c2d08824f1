package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.domain.RunRecord;
import dev.ciorchestrator.run.WriteFence;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a write that must get through is retried, and what it says in the log while it waits. */
class StoreRetryTest {
  private final List<LogRecord> logged = Collections.synchronizedList(new ArrayList<>());
  private final Logger logger = Logger.getLogger(StoreRetry.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private Level level;

  @BeforeEach
  void listen() {
    level = logger.getLevel();
    logger.setLevel(Level.INFO); // the tests' logging may be quieter
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
    logger.setLevel(level);
  }

  private static StoreRetry retry(int tries, AtomicInteger asked) {
    return new StoreRetry(
        Duration.ofMillis(1), Duration.ofMillis(2), () -> asked.incrementAndGet() >= tries);
  }

  private List<Level> levels() {
    synchronized (logged) {
      return logged.stream().map(LogRecord::getLevel).toList();
    }
  }

  @Test
  void aWriteRefusedBecauseThisReplicaNoLongerLeadsIsNoErrorAndIsTriedUntilTheExecutorLetsGo() {
    WriteFence fence = WriteFence.closed();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger asked = new AtomicInteger();
    Optional<RunRecord> stored =
        retry(3, asked)
            .until(
                "storing run r1 as success",
                () -> {
                  attempts.incrementAndGet();
                  fence.check("run r1's update");
                  throw new AssertionError("the fence is closed");
                });
    assertThat(stored).isEmpty();
    assertThat(attempts).hasValue(3);
    assertThat(levels()).doesNotContain(Level.SEVERE).contains(Level.INFO);
    assertThat(logged)
        .filteredOn(r -> Level.INFO.equals(r.getLevel()))
        .singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("waits"));
  }

  @Test
  void aFailingStoreIsAnErrorOnceAndTheWriteLandsWhenItWorksAgain() {
    AtomicInteger attempts = new AtomicInteger();
    Optional<RunRecord> stored =
        retry(100, new AtomicInteger())
            .until(
                "storing run r2 as failure",
                () -> {
                  if (attempts.incrementAndGet() < 4) {
                    throw new IOException("No space left on device");
                  }
                  return Optional.empty(); // landed, with nothing to hand back
                });
    assertThat(stored).isEmpty();
    assertThat(attempts).hasValue(4);
    assertThat(levels()).containsExactly(Level.SEVERE, Level.INFO);
  }

  @Test
  void aStoreFailureAfterAWaitForLeadershipIsStillAnError() {
    WriteFence fence = WriteFence.closed();
    AtomicInteger attempts = new AtomicInteger();
    retry(100, new AtomicInteger())
        .until(
            "storing run r4 as success",
            () -> {
              switch (attempts.incrementAndGet()) {
                case 1, 2 -> fence.check("run r4's update");
                case 3, 4 -> throw new IOException("connection refused");
                default -> {
                  return Optional.empty();
                }
              }
              throw new AssertionError("the fence is closed");
            });
    assertThat(attempts).hasValue(5);
    assertThat(levels()).containsExactly(Level.INFO, Level.SEVERE, Level.INFO);
  }

  @Test
  void aForwardMoveBySomeoneElseEndsTheRetryAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    Optional<RunRecord> stored =
        retry(100, new AtomicInteger())
            .until(
                "storing run r3 as success",
                () -> {
                  attempts.incrementAndGet();
                  throw new IllegalStateException("r3 is already aborted");
                });
    assertThat(stored).isEmpty();
    assertThat(attempts).hasValue(1);
    assertThat(logged).isEmpty();
  }
}
