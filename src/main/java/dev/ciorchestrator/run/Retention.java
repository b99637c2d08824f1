package dev.ciorchestrator.run;

import java.io.IOException;
import java.time.Instant;

/** A store that forgets old runs: finished runs and their logs, oldest first. */
public interface Retention {
  /**
   * Deletes at most {@code max} runs that finished before {@code cutoff}, with their logs.
   *
   * @return how many it deleted; fewer than {@code max} once none is left
   */
  int deleteFinishedBefore(Instant cutoff, int max) throws IOException;
}
