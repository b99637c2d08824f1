package dev.ciorchestrator.cli;

import dev.ciorchestrator.policy.PolicyEngine;
import dev.ciorchestrator.policy.cel.CelPolicyEngine;
import java.util.Set;

/**
 * The one CEL engine of a command's process. {@link #prepare} creates it before the command reads
 * its files, so cel-java's environment (about half of what a fresh JVM does for {@code validate})
 * is built on the engine's own thread while the command reads and parses them; every load of the
 * process ({@code diff} loads two) then shares it, as the service shares its one engine.
 */
final class CommandEngine {
  /** The commands that load a config, and so need the engine. */
  static final Set<String> LOADING = Set.of("validate", "test", "diff", "run");

  private static PolicyEngine engine; // guarded by CommandEngine.class

  private CommandEngine() {}

  /** Starts building the engine in the background, once per process. */
  static void prepare() {
    get();
  }

  /** The engine, whose first compile waits for its build. */
  static synchronized PolicyEngine get() {
    if (engine == null) {
      engine = new CelPolicyEngine();
    }
    return engine;
  }
}
