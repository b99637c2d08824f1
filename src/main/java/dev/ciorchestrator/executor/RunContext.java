package dev.ciorchestrator.executor;

import org.jboss.logging.MDC;

/**
 * Puts a run's id, repository and job in the logging context for a block, so every line logged in
 * it (ours and the executor's, on this thread) carries them: JSON logs show them under {@code mdc},
 * the console format as {@code %X{run_id}}, {@code %X{repo}} and {@code %X{job}}. Empty values are
 * left out. JBoss Logging is the one logging API the core already uses.
 */
public final class RunContext implements AutoCloseable {
  public static final String RUN_ID = "run_id";
  public static final String REPO = "repo";
  public static final String JOB = "job";

  private final Object[] previous = new Object[3];
  private static final String[] KEYS = {RUN_ID, REPO, JOB};

  private RunContext(String runId, String repo, String job) {
    String[] values = {runId, repo, job};
    for (int i = 0; i < KEYS.length; i++) {
      previous[i] = MDC.get(KEYS[i]);
      if (values[i] == null || values[i].isEmpty()) {
        MDC.remove(KEYS[i]);
      } else {
        MDC.put(KEYS[i], values[i]);
      }
    }
  }

  public static RunContext of(String runId, String repo, String job) {
    return new RunContext(runId, repo, job);
  }

  /** Restores what was there before, so nested contexts (a run inside a pass) unwind cleanly. */
  @Override
  public void close() {
    for (int i = 0; i < KEYS.length; i++) {
      if (previous[i] == null) {
        MDC.remove(KEYS[i]);
      } else {
        MDC.put(KEYS[i], previous[i]);
      }
    }
  }
}
