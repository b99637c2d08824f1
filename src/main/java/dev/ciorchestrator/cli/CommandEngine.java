package dev.ciorchestrator.cli;

import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one CEL engine of a command's process. Building it (cel-java's environment) is about half of
 * what a fresh JVM does for {@code validate}, so {@link #prepare} starts it on a second thread, and
 * {@link #whenCompiling} hands the loader an engine that waits for it only at the first compile:
 * the command reads, parses and checks its files meanwhile. Every load of the process ({@code diff}
 * loads two) then shares it, as the service shares its one engine.
 */
final class CommandEngine {
  /** The commands that load a config, and so need the engine. */
  static final Set<String> LOADING = Set.of("validate", "test", "diff", "run");

  private static final FutureTask<PolicyEngine> ENGINE = new FutureTask<>(CelPolicyEngine::new);
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private CommandEngine() {}

  /** Starts building the engine in the background, once per process. */
  static void prepare() {
    if (STARTED.compareAndSet(false, true)) {
      Thread builder = new Thread(ENGINE, "cel-engine-build");
      builder.setDaemon(true);
      builder.start();
    }
  }

  /**
   * The engine, waited for (or built, when nothing started it) by the first {@link
   * PolicyEngine#compile}, not here: a config load parses every file before it compiles.
   */
  static PolicyEngine whenCompiling() {
    return (source, expected) -> get().compile(source, expected);
  }

  /** The engine; built here, on the caller's thread, when nothing started it before. */
  static PolicyEngine get() {
    if (STARTED.compareAndSet(false, true)) {
      ENGINE.run();
    }
    try {
      return ENGINE.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the CEL engine could not be built", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the CEL engine was being built", e);
    }
  }
}
