package dev.ciorchestrator.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ciorchestrator.executor.process.SupervisorDir;
import java.time.Duration;

/** What tests wait for in a run's supervisor folder. */
public final class Supervised {
  private Supervised() {}

  /** Until the run's supervisor has written the job's exit code; a minute guards against a hang. */
  public static void awaitExit(SupervisorDir dir) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (dir.exit().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(dir.exit()).as("the exit file in " + dir).isPresent();
  }
}
