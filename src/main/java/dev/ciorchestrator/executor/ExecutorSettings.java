package dev.ciorchestrator.executor;

import dev.ciorchestrator.config.model.ExecutorKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
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
}
