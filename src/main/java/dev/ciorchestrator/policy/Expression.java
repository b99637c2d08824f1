package dev.ciorchestrator.policy;

/** A compiled, type-checked expression. Immutable and safe to evaluate from many threads. */
public interface Expression {
  String source();

  ResultType resultType();

  /**
   * Evaluates within the engine's bounds (iterations, depth, wall clock).
   *
   * @return a {@link Boolean} for {@link ResultType#BOOL}, a {@link String} for {@link
   *     ResultType#STRING}
   * @throws PolicyException on any runtime error or exceeded bound, with a message fit for a user
   */
  Object evaluate(Bindings bindings) throws PolicyException;
}
