package dev.ciorchestrator.executor;

import dev.ciorchestrator.config.model.ExecutorKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Set;

/**
 * Which executors this deployment runs jobs on ({@code ci.executor.*}); each executor's own
 * settings live under its own prefix ({@code ci.executor.local}, {@code ci.executor.container}).
 */
@ConfigMapping(prefix = "ci.executor")
public interface ExecutorSettings {
  /** Where a job without {@code executor:} runs; must be one of {@link #enabled()}. */
  @WithName("default")
  @WithDefault("process")
  ExecutorKind defaultExecutor();

  /**
   * The executors this deployment offers; a job choosing another one gets its runs ended in {@code
   * error} saying so. Comma-separated: {@code process,container}.
   */
  @WithDefault("process")
  Set<ExecutorKind> enabled();

  /**
   * On a graceful stop (SIGTERM), how long runs of the process and container executors get to
   * finish before they are stopped and recorded in {@code error}; keep it, plus the kill grace,
   * below whatever kills the service after its own grace period ({@code docker stop -t}, {@code
   * terminationGracePeriodSeconds}, systemd's {@code TimeoutStopSec}).
   */
  @WithDefault("5s")
  Duration drainTimeout();
}
