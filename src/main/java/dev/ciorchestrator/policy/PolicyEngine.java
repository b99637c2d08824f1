package dev.ciorchestrator.policy;

/**
 * Compiles rule expressions over the CEL variables of DESIGN.md ({@code change}, {@code jobs},
 * {@code repo}, {@code now}). Implementations cache by expression text, so a new config revision
 * recompiles only expressions whose text changed.
 */
public interface PolicyEngine {
  /**
   * Never throws for bad input: syntax, type and unknown-name errors come back as {@code Invalid}.
   */
  Compilation compile(String source, ResultType expected);
}
