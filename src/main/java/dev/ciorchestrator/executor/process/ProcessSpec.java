package dev.ciorchestrator.executor.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One job script to run on this machine.
 *
 * @param workspace the working directory (built by {@code WorkspaceBuilder}); must exist
 * @param script the job's shell script, run by bash with {@code -e -o pipefail}
 * @param env variables added to the clean base environment (see {@link RunEnvironment})
 * @param timeout after this the whole process tree is killed and the run fails
 * @param logFile stdout and stderr, merged and appended as they are written; the script itself is
 *     written next to it, never into the workspace, so the job cannot see or change it
 */
public record ProcessSpec(
    Path workspace, String script, Map<String, String> env, Duration timeout, Path logFile) {
  public ProcessSpec {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(script, "script");
    env = Map.copyOf(env);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    Objects.requireNonNull(logFile, "logFile");
  }
}
